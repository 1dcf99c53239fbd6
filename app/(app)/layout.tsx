import { redirect } from "next/navigation";
import { connection } from "next/server";
import { getServerSession } from "next-auth";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getAuthOptions } from "@/lib/auth/options";
import { getWhatsAppConfig } from "@/lib/env";
import { queryKeys } from "@/lib/client/query-keys";
import { AppShell } from "@/components/app/app-shell";
import { loadMe } from "@/lib/users/me";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Per request, never at build time: this layout reads the session and the database.
  await connection();
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) redirect("/login");

  const queryClient = new QueryClient();
  try {
    const me = await loadMe(session.user.id, session.user.workspaceId);
    // A deactivated account gets no data: the client's first 401 signs it out.
    if (me) queryClient.setQueryData(queryKeys.me, me);
  } catch (err) {
    console.error("[app] could not prefetch /api/me", err);
  }

  let demo = false;
  try {
    demo = getWhatsAppConfig().demo;
  } catch {
    // A misconfigured channel is reported where it is used; the top bar just hides the simulator link.
  }

  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <AppShell demo={demo}>{children}</AppShell>
    </HydrationBoundary>
  );
}
