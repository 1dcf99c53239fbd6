import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SnippetManager } from "@/components/snippets/snippet-manager";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("snippets.manager"))("title") };
}

export default async function SnippetsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  if (!actor || !can(actor.role, "snippet:manage")) {
    const t = await getTranslations("snippets.manager");
    return (
      <div className="grid h-full place-items-center p-6 text-center">
        <div>
          <h1 className="text-md font-semibold">{t("restrictedTitle")}</h1>
          <p className="mt-1 text-muted">{t("restrictedBody")}</p>
        </div>
      </div>
    );
  }
  return <SnippetManager />;
}
