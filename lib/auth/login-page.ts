import { createTranslator } from "next-intl";
import { z } from "zod";
import { DEFAULT_LOCALE, negotiateLocale, type AppLocale } from "@/i18n/locales";
import { CATALOGS, LOGIN_CATALOGS } from "@/messages";

// The sign-in page's model, pure: app/login/route.ts reads the request and talks to next-auth,
// lib/auth/login-page-html.ts renders this. No script reaches the browser (issue 14), so every
// word is said here, on the server: messages/<locale>/login.json, with the roles and title from the
// app's catalog.

export const DEMO_USERS = [
  { email: "admin@voloazzurro.it", role: "admin" },
  { email: "marco@voloazzurro.it", role: "lead" },
  { email: "giulia@voloazzurro.it", role: "agent" },
] as const;
export const DEMO_PASSWORD = "sportello-demo";

/** What went wrong, said above the form (role="alert"). */
export type LoginNotice = "incorrect" | "rateLimited" | "expired" | "unavailable" | "fixFields";
export type LoginField = "email" | "password";
export type FieldErrors = Partial<Record<LoginField, "emailMissing" | "emailInvalid" | "passwordMissing">>;

/** The page's language: nobody is signed in yet, so the browser's (as i18n/request.ts decides without a user). */
export function loginLocale(acceptLanguage: string | null | undefined): AppLocale {
  return negotiateLocale(acceptLanguage) ?? DEFAULT_LOCALE;
}

// Bounds keep a hostile post from costing a bcrypt of megabytes; real values are far shorter.
const loginFormSchema = z.object({
  // An absent field is a missing one, said the same way.
  email: z.string().default("").pipe(z.string().trim().min(1, "emailMissing").max(254, "emailInvalid").pipe(z.email("emailInvalid"))),
  password: z.string().default("").pipe(z.string().min(1, "passwordMissing").max(1024, "passwordMissing")),
  // Hidden fields: a tampered one is not the person's mistake; next-auth refuses a wrong token.
  csrfToken: z.string().max(256).catch(""),
  callbackUrl: z.string().max(4096).optional().catch(undefined),
});
export type LoginForm = z.infer<typeof loginFormSchema>;

/** The posted form: the fields to sign in with, or what to say next to each missing or malformed one. */
export function parseLoginForm(sent: Record<string, string>): { ok: true; form: LoginForm } | { ok: false; errors: FieldErrors } {
  const parsed = loginFormSchema.safeParse(sent);
  if (parsed.success) return { ok: true, form: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password") && !errors[field]) errors[field] = issue.message as FieldErrors[LoginField];
  }
  return { ok: false, errors };
}

/**
 * What next-auth's credentials callback answered (`{ url }` with `json: "true"`), as the page says it.
 * Its errors arrive as `?error=` on that URL: CredentialsSignin (null from authorize), RateLimited
 * (thrown by lib/auth/options.ts); a refused CSRF token sends to `/signin?csrf=true`.
 */
export function signInOutcome(status: number, url: string | null | undefined): "ok" | Exclude<LoginNotice, "fixFields"> {
  if (!url) return "unavailable";
  let u: URL;
  try {
    u = new URL(url, "http://sportello.invalid");
  } catch {
    return "unavailable";
  }
  if (u.searchParams.get("csrf") === "true") return "expired";
  const error = u.searchParams.get("error");
  if (error === "RateLimited") return "rateLimited";
  if (error === "CredentialsSignin") return "incorrect";
  if (error) return "unavailable";
  return status >= 200 && status < 300 ? "ok" : "unavailable";
}

/** `/login?error=…` as next-auth's own redirects send it (a post straight to /api/auth/callback/credentials). */
export function noticeFromQuery(error: string | null): LoginNotice | null {
  if (!error) return null;
  if (error === "RateLimited") return "rateLimited";
  if (error === "CredentialsSignin") return "incorrect";
  return "unavailable";
}

export type LoginPageModel = {
  lang: AppLocale;
  callbackUrl: string;
  csrfToken: string;
  email: string;
  /** Only for a demo account picked from the list (its password is printed on the page anyway). */
  password: string;
  notice: LoginNotice | null;
  fieldErrors: FieldErrors;
  /** Each account's link reads "Use <email>" to a screen reader ("Use " unseen), its email seen: the name holds the visible text. */
  demo: { users: { email: string; role: string; before: string; after: string; href: string }[]; passwordHtml: string } | null;
  words: {
    title: string;
    tagline: string;
    footer: string;
    email: string;
    emailPlaceholder: string;
    password: string;
    submit: string;
    demoTitle: string;
    notice: string | null;
    fields: Partial<Record<LoginField, string>>;
  };
};

const NOTICE_KEYS = { incorrect: "incorrect", rateLimited: "rateLimited", expired: "expired", unavailable: "unavailable", fixFields: "fixFields" } as const;

/** The demo account a `?as=` link picks, or null (not a demo account, or not a demo). */
export function demoAccount(as: string | null, demo: boolean): string | null {
  return demo && as ? (DEMO_USERS.find((u) => u.email === as.trim().toLowerCase())?.email ?? null) : null;
}

export function buildLoginPageModel(input: {
  lang: AppLocale;
  callbackUrl: string;
  csrfToken: string;
  email?: string;
  demo: boolean;
  /** A demo account picked from the list: its email and the demo password fill the form. */
  demoPick?: string | null;
  notice?: LoginNotice | null;
  fieldErrors?: FieldErrors;
}): LoginPageModel {
  const messages = CATALOGS[input.lang];
  const t = createTranslator({ locale: input.lang, messages: { login: LOGIN_CATALOGS[input.lang] }, namespace: "login" });
  const fieldErrors = input.fieldErrors ?? {};
  const notice = input.notice ?? (Object.keys(fieldErrors).length ? "fixFields" : null);
  const fields: Partial<Record<LoginField, string>> = {};
  for (const [field, key] of Object.entries(fieldErrors) as [LoginField, NonNullable<FieldErrors[LoginField]>][]) fields[field] = t(key);
  const pickHref = (email: string) => {
    const q = new URLSearchParams({ as: email });
    if (input.callbackUrl !== "/inbox") q.set("callbackUrl", input.callbackUrl);
    return `/login?${q}`;
  };
  return {
    lang: input.lang,
    callbackUrl: input.callbackUrl,
    csrfToken: input.csrfToken,
    email: input.demoPick ?? input.email ?? "",
    password: input.demoPick ? DEMO_PASSWORD : "",
    notice,
    fieldErrors,
    demo: input.demo
      ? {
          users: DEMO_USERS.map((u) => {
            const [before = "", after = ""] = t("useAccount", { email: "\u0000" }).split("\u0000");
            return { email: u.email, role: messages.roles[u.role], before, after, href: pickHref(u.email) };
          }),
          // The catalog's own markup (<code>) around a constant: nothing from the request.
          passwordHtml: t.markup("demoPassword", { password: DEMO_PASSWORD, code: (chunks) => `<code>${chunks}</code>` }),
        }
      : null,
    words: {
      title: messages.meta.signIn,
      tagline: t("tagline"),
      footer: t("footer"),
      email: t("email"),
      emailPlaceholder: t("emailPlaceholder"),
      password: t("password"),
      submit: t("submit"),
      demoTitle: t("demoTitle"),
      notice: notice ? t(NOTICE_KEYS[notice]) : null,
      fields,
    },
  };
}
