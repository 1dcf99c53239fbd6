import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { ReportsView } from "@/components/reports/reports-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "report:read")) {
    const t = await getTranslations("reports");
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
      <ReportsView />
    </Suspense>
  );
}
