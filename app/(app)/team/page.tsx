import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { TeamPage } from "@/components/team/team-page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("team"))("title") };
}

export default async function TeamRoute() {
  // The role as the database has it now: the board is for leads and admins; agents go back to the inbox.
  const actor = await getActor();
  if (!actor || !can(actor.role, "team:manage")) redirect("/inbox");
  return <TeamPage />;
}
