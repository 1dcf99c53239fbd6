import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";
import { can } from "@/lib/auth/permissions";
import { SettingsOverview } from "@/components/settings/settings-overview";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const session = await getServerSession(getAuthOptions());
  const allowed = !!session?.user?.role && can(session.user.role, "settings:read");
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
