"use client";

import { useId, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { signInWithCredentials } from "@/lib/client/auth";

// lucide's circle-exclamation-point and loader-circle drawn inline: /login loads no icon library
// (issue 14, its script budget); same 24-unit grid, stroke and classes as the icons elsewhere.
function Icon({ className, children }: { className: string; children: React.ReactNode }) {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={24} height={24} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" className={`lucide ${className}`} aria-hidden>
      {children}
    </svg>
  );
}

/** A demo login, with the button's accessible name ("Use giulia@…") already said in the page's language. */
export type DemoUser = { email: string; role: string; label: string };

/** The sign-in page's words, said on the server (app/(auth)/login/page.tsx): /login ships no catalog and no next-intl runtime. */
export type LoginWords = {
  email: string;
  emailPlaceholder: string;
  password: string;
  submit: string;
  missing: string;
  incorrect: string;
  rateLimited: string;
  network: string;
  demoTitle: string;
  /** "All share the password <code>…</code>", rendered on the server. */
  demoPassword: React.ReactNode;
};

export function LoginForm({ callbackUrl, demoUsers, demoPassword, words: t }: { callbackUrl: string; demoUsers: DemoUser[]; demoPassword: string; words: LoginWords }) {
  const router = useRouter();
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
      setError(t.missing);
      return;
    }
    setPending(true);
    try {
      const res = await signInWithCredentials(email.trim(), password);
      if (!res.ok) {
        setError(res.error === "RateLimited" ? t.rateLimited : t.incorrect);
        setPending(false);
        passwordRef.current?.select();
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setError(t.network);
      setPending(false);
    }
  }

  return (
    <>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-describedby={error ? `${id}-error` : undefined}>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-email`} className="block text-ui font-medium text-fg-2">
            {t.email}
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
            placeholder={t.emailPlaceholder}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor={`${id}-password`} className="block text-ui font-medium text-fg-2">
            {t.password}
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
            <Icon className="mt-0.5 size-4 shrink-0">
              <circle cx="12" cy="12" r="10" />
              <line x1="12" x2="12" y1="8" y2="12" />
              <line x1="12" x2="12.01" y1="16" y2="16" />
            </Icon>
            <span>{error}</span>
          </div>
        )}
        <button type="submit" className="btn-primary h-9 w-full text-sm" disabled={pending} aria-busy={pending}>
          {pending && (
            <Icon className="size-4 animate-spin">
              <path d="M21 12a9 9 0 1 1-6.219-8.56" />
            </Icon>
          )}
          {t.submit}
        </button>
      </form>

      {demoUsers.length > 0 && (
        <section aria-labelledby={`${id}-demo`} className="mt-6 border-t border-line pt-4">
          <h2 id={`${id}-demo`} className="text-2xs font-semibold tracking-wide text-muted uppercase">
            {t.demoTitle}
          </h2>
          <p className="mt-1 text-2xs text-muted">
            {t.demoPassword}
          </p>
          <ul className="mt-2 space-y-0.5">
            {demoUsers.map((u) => (
              <li key={u.email}>
                <button
                  type="button"
                  aria-label={u.label}
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
