import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { getTranslations } from "next-intl/server";
import { getAuthOptions } from "@/lib/auth/options";
import { can } from "@/lib/auth/permissions";
import { SettingsOverview } from "@/components/settings/settings-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("settings") };
}

export default async function SettingsPage() {
  const session = await getServerSession(getAuthOptions());
  const allowed = !!session?.user?.role && can(session.user.role, "settings:read");
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
