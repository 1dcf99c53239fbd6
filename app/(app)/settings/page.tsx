import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SettingsOverview } from "@/components/settings/settings-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("settings") };
}

export default async function SettingsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  const allowed = !!actor && can(actor.role, "settings:read");
  if (!allowed) {
    const t = await getTranslations("settings");
    return (
      <div className="grid h-full place-items-center p-6 text-center">
        <div>
          <h1 className="text-md font-semibold">{t("restrictedTitle")}</h1>
          <p className="mt-1 text-muted">{t("restrictedBody")}</p>
        </div>
      </div>
    );
  }
  return <SettingsOverview />;
}
