import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Restricted } from "@/components/app/restricted";
import { SnippetManager } from "@/components/snippets/snippet-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("snippets.manager"))("title") };
}

export default async function SnippetsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "snippet:manage")) return <Restricted namespace="snippets.manager" />;
  return <SnippetManager />;
}
