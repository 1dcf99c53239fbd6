import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Restricted } from "@/components/app/restricted";
import { TemplateManager } from "@/components/templates/template-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("templates.manager"))("title") };
}

export default async function TemplatesPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "template:manage")) return <Restricted namespace="templates.manager" />;
  return <TemplateManager />;
}
