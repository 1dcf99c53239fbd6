import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { safeCallbackUrl } from "@/lib/client/safe-callback";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const DEMO_USERS = [
  { email: "admin@voloazzurro.it", role: "Admin" },
  { email: "marco@voloazzurro.it", role: "Team lead" },
  { email: "giulia@voloazzurro.it", role: "Agent" },
];
const DEMO_PASSWORD = "sportello-demo";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // A live session (checked in the database, not just a valid cookie) goes straight on.
  if (await getActor()) redirect(callbackUrl);

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-canvas px-4 py-12">
      <div className="w-full max-w-[368px]">
        <div className="mb-7 flex flex-col items-center text-center">
          <Logo className="size-10" />
          <h1 className="mt-4 text-[22px] leading-7 font-semibold tracking-tight">Sportello</h1>
          <p className="mt-1 text-sm text-muted">Every WhatsApp conversation with your customers, answered together.</p>
        </div>
        <div className="rounded-card border border-line bg-surface p-6 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_12px_32px_-12px_rgb(0_0_0/0.12)]">
          {/* Demo logins exist only in demo mode; a real deployment never advertises a password. */}
          <LoginForm callbackUrl={callbackUrl} demoUsers={isDemoMode() ? DEMO_USERS : []} demoPassword={isDemoMode() ? DEMO_PASSWORD : ""} />
        </div>
        <p className="mt-6 text-center text-2xs text-subtle">Sportello · customer care on WhatsApp</p>
      </div>
    </main>
  );
}
