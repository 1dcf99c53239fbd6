import { Suspense } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Restricted } from "@/components/app/restricted";
import { PaymentsReport } from "@/components/payments/payments-report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.page"))("title") };
}

export default async function PaymentsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "payment:report")) return <Restricted namespace="payments.page" />;
  return (
    <Suspense>
      <PaymentsReport />
    </Suspense>
  );
}
