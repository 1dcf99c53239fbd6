import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Restricted } from "@/components/app/restricted";
import { SettingsOverview } from "@/components/settings/settings-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("settings") };
}

export default async function SettingsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  const allowed = !!actor && can(actor.role, "settings:read");
  if (!allowed) return <Restricted namespace="settings" />;
  return <SettingsOverview />;
}
