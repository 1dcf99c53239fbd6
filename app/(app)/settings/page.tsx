import type { Metadata } from "next";
import { getActor } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { SettingsOverview } from "@/components/settings/settings-overview";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  // The role as the database has it now, not as the session token remembers it.
  const actor = await getActor();
  const allowed = !!actor && can(actor.role, "settings:read");
  if (!allowed) {
    return (
      <div className="grid h-full place-items-center p-6 text-center">
        <div>
          <h1 className="text-md font-semibold">Settings are for team leads and admins</h1>
          <p className="mt-1 text-muted">Ask an admin if you need something changed.</p>
        </div>
      </div>
    );
  }
  return <SettingsOverview />;
}
