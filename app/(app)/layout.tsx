import { redirect } from "next/navigation";
import { connection } from "next/server";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getLocale, getMessages } from "next-intl/server";
import { getWhatsAppConfig } from "@/lib/env";
import { queryKeys } from "@/lib/client/query-keys";
import { AppShell } from "@/components/app/app-shell";
import { loadMe } from "@/lib/users/me";
import { Providers } from "@/components/app/providers";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Per request, never at build time: this layout reads the session and the database.
  await connection();
  // The session is checked against the database (revoked, expired, deactivated → sign in again).
  const me = await loadMe();
  if (!me) redirect("/login");
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.me, me);

  let demo = false;
  try {
    demo = getWhatsAppConfig().demo;
  } catch {
    // A misconfigured channel is reported where it is used; the top bar just hides the simulator link.
  }

  return (
    <Providers locale={await getLocale()} messages={await getMessages()}>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AppShell demo={demo}>{children}</AppShell>
      </HydrationBoundary>
    </Providers>
  );
}
