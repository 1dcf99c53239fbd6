"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { CircleExclamationPoint, LoaderCircle } from "lucide-react";

type DemoUser = { email: string; role: string };

export function LoginForm({ callbackUrl, demoUsers, demoPassword }: { callbackUrl: string; demoUsers: DemoUser[]; demoPassword: string }) {
  const router = useRouter();
  const t = useTranslations("login");
  const tErrors = useTranslations("errors");
  const id = useId();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setError(null);
    if (!email.trim() || !password) {
      setError(t("missing"));
      return;
    }
    setPending(true);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(res?.error === "RateLimited" ? t("rateLimited") : t("incorrect"));
        setPending(false);
        passwordRef.current?.select();
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(tErrors("network"));
      setPending(false);
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? `${id}-error` : undefined}>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-email`} className="block text-ui font-medium text-fg-2">
            {t("email")}
          </label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="username"
            autoFocus
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="field"
            placeholder={t("emailPlaceholder")}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-password`} className="block text-ui font-medium text-fg-2">
            {t("password")}
          </label>
          <input
            ref={passwordRef}
            id={`${id}-password`}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="field"
          />
        </div>
        {error && (
          <div id={`${id}-error`} role="alert" className="flex items-start gap-2 rounded-ctl border border-danger/25 bg-danger-soft px-3 py-2 text-ui text-danger">
            <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>{error}</span>
          </div>
        )}
        <button type="submit" className="btn-primary h-9 w-full text-sm" disabled={pending} aria-busy={pending}>
          {pending && <LoaderCircle className="size-4 animate-spin" aria-hidden />}
          {t("submit")}
        </button>
      </form>

      {demoUsers.length > 0 && (
        <section aria-labelledby={`${id}-demo`} className="mt-6 border-t border-line pt-4">
          <h2 id={`${id}-demo`} className="text-2xs font-semibold tracking-wide text-muted uppercase">
            {t("demoTitle")}
          </h2>
          <p className="mt-1 text-2xs text-muted">
            {t.rich("demoPassword", { password: demoPassword, code: (chunks) => <code className="font-mono text-fg-2">{chunks}</code> })}
          </p>
          <ul className="mt-2 space-y-0.5">
            {demoUsers.map((u) => (
              <li key={u.email}>
                <button
                  type="button"
                  aria-label={t("useAccount", { email: u.email })}
                  onClick={() => {
                    setEmail(u.email);
                    setPassword(demoPassword);
                    setError(null);
                  }}
                  className="focus-ring -mx-2 flex w-[calc(100%+1rem)] items-center justify-between rounded-ctl px-2 py-1 text-left text-ui hover:bg-surface-2"
                >
                  <span className="truncate font-mono text-[12px] text-fg-2">{u.email}</span>
                  <span className="ml-3 shrink-0 text-2xs text-muted">{u.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
