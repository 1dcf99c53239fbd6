import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Restricted } from "@/components/app/restricted";
import { ReportsView } from "@/components/reports/reports-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "report:read")) return <Restricted namespace="reports" />;
  return (
    <Suspense>
      <ReportsView />
    </Suspense>
  );
}
