import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getActor } from "@/lib/auth/session";
import { isDemoMode } from "@/lib/env";
import { safeCallbackUrl } from "@/lib/client/safe-callback";
import { LoginForm, type LoginWords } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("meta"))("signIn") };
}
export const dynamic = "force-dynamic";

const DEMO_USERS = [
  { email: "admin@voloazzurro.it", role: "admin" },
  { email: "marco@voloazzurro.it", role: "lead" },
  { email: "giulia@voloazzurro.it", role: "agent" },
] as const;
const DEMO_PASSWORD = "sportello-demo";

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  // A live session (checked in the database, not just a valid cookie) goes straight on.
  if (await getActor()) redirect(callbackUrl);
  const t = await getTranslations();
  const demoUsers = DEMO_USERS.map((u) => ({ email: u.email, role: t(`roles.${u.role}`), label: t("login.useAccount", { email: u.email }) }));
  // Said here, so the form ships no catalog and no next-intl runtime (issue 14: /login's script budget).
  const words: LoginWords = {
    email: t("login.email"),
    emailPlaceholder: t("login.emailPlaceholder"),
    password: t("login.password"),
    submit: t("login.submit"),
    missing: t("login.missing"),
    incorrect: t("login.incorrect"),
    rateLimited: t("login.rateLimited"),
    network: t("errors.network"),
    demoTitle: t("login.demoTitle"),
    demoPassword: t.rich("login.demoPassword", { password: DEMO_PASSWORD, code: (chunks) => <code className="font-mono text-fg-2">{chunks}</code> }),
  };

  return (
    <main className="flex min-h-dvh flex-col items-center justify-center bg-canvas px-4 py-12">
      <div className="w-full max-w-[368px]">
        <div className="mb-7 flex flex-col items-center text-center">
          <Logo className="size-10" />
          <h1 className="mt-4 text-[22px] leading-7 font-semibold tracking-tight">Sportello</h1>
          <p className="mt-1 text-sm text-muted">{t("login.tagline")}</p>
        </div>
        <div className="rounded-card border border-line bg-surface p-6 shadow-[0_1px_2px_rgb(0_0_0/0.04),0_12px_32px_-12px_rgb(0_0_0/0.12)]">
          {/* Demo logins exist only in demo mode; a real deployment never advertises a password. */}
          <LoginForm callbackUrl={callbackUrl} demoUsers={isDemoMode() ? demoUsers : []} demoPassword={isDemoMode() ? DEMO_PASSWORD : ""} words={words} />
        </div>
        <p className="mt-6 text-center text-2xs text-subtle">{t("login.footer")}</p>
      </div>
    </main>
  );
}
