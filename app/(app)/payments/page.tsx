import { Suspense } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { PaymentsReport } from "@/components/payments/payments-report";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("payments.page"))("title") };
}

export default async function PaymentsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "payment:report")) {
    const t = await getTranslations("payments.page");
    return (
      <div className="grid h-full place-items-center p-6 text-center">
        <div>
          <h1 className="text-md font-semibold">{t("restrictedTitle")}</h1>
          <p className="mt-1 text-muted">{t("restrictedBody")}</p>
        </div>
      </div>
    );
  }
  return (
    <Suspense>
      <PaymentsReport />
    </Suspense>
  );
}
