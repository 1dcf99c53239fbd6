import { describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { buildLoginPageModel, demoAccount, DEMO_PASSWORD, loginLocale, noticeFromQuery, parseLoginForm, signInOutcome } from "./login-page";
import { LOGIN_CSP, renderLoginPage } from "./login-page-html";

const base = { lang: "en" as const, callbackUrl: "/inbox", csrfToken: "tok", demo: false };

describe("the sign-in form's fields", () => {
  it("takes a trimmed email and the password as typed", () => {
    expect(parseLoginForm({ email: "  Giulia@Example.com ", password: " pw ", csrfToken: "t" })).toEqual({ ok: true, form: { email: "Giulia@Example.com", password: " pw ", csrfToken: "t" } });
  });

  it("says which field is missing or malformed", () => {
    expect(parseLoginForm({})).toEqual({ ok: false, errors: { email: "emailMissing", password: "passwordMissing" } });
    expect(parseLoginForm({ email: " ", password: "x" })).toEqual({ ok: false, errors: { email: "emailMissing" } });
    expect(parseLoginForm({ email: "giulia", password: "" })).toEqual({ ok: false, errors: { email: "emailInvalid", password: "passwordMissing" } });
    expect(parseLoginForm({ email: `${"a".repeat(250)}@x.it`, password: "x" })).toEqual({ ok: false, errors: { email: "emailInvalid" } });
  });

  it("does not blame the person for a tampered hidden field", () => {
    const r = parseLoginForm({ email: "a@b.it", password: "x", csrfToken: "t".repeat(1000), callbackUrl: "/x".repeat(5000) });
    expect(r).toEqual({ ok: true, form: { email: "a@b.it", password: "x", csrfToken: "" } });
  });
});

describe("next-auth's answer, as the page says it", () => {
  it.each([
    [200, "http://127.0.0.1:3100/inbox", "ok"],
    [401, "http://127.0.0.1:3100/api/auth/error?error=CredentialsSignin&provider=credentials", "incorrect"],
    [401, "http://127.0.0.1:3100/api/auth/error?error=RateLimited", "rateLimited"],
    [200, "http://127.0.0.1:3100/api/auth/signin?csrf=true", "expired"],
    [401, "http://127.0.0.1:3100/api/auth/error?error=connect%20ECONNREFUSED", "unavailable"],
    [500, "http://127.0.0.1:3100/inbox", "unavailable"],
    [200, null, "unavailable"],
  ] as const)("%i %s → %s", (status, url, outcome) => {
    expect(signInOutcome(status, url)).toBe(outcome);
  });

  it("reads next-auth's own ?error= redirects to the page", () => {
    expect(noticeFromQuery(null)).toBeNull();
    expect(noticeFromQuery("CredentialsSignin")).toBe("incorrect");
    expect(noticeFromQuery("RateLimited")).toBe("rateLimited");
    expect(noticeFromQuery("<script>")).toBe("unavailable");
  });
});

describe("the page's language and demo accounts", () => {
  it("follows the browser, English otherwise", () => {
    expect(loginLocale("it-IT,it;q=0.9,en;q=0.8")).toBe("it");
    expect(loginLocale("de-DE,en;q=0.5")).toBe("en");
    expect(loginLocale("fr")).toBe("en");
    expect(loginLocale(null)).toBe("en");
  });

  it("fills a demo account only in demo mode, and only a real one", () => {
    expect(demoAccount("Giulia@voloazzurro.it", true)).toBe("giulia@voloazzurro.it");
    expect(demoAccount("giulia@voloazzurro.it", false)).toBeNull();
    expect(demoAccount("someone@else.it", true)).toBeNull();
    const m = buildLoginPageModel({ ...base, demo: true, demoPick: "giulia@voloazzurro.it" });
    expect([m.email, m.password]).toEqual(["giulia@voloazzurro.it", DEMO_PASSWORD]);
    expect(buildLoginPageModel({ ...base, demo: true, callbackUrl: "/team" }).demo!.users[0]!.href).toBe("/login?as=admin%40voloazzurro.it&callbackUrl=%2Fteam");
  });

  it("says everything in Italian from the catalog", () => {
    const m = buildLoginPageModel({ ...base, lang: "it", demo: true, notice: "incorrect", email: "a@b.it" });
    expect(m.words).toMatchObject({ title: "Accedi", submit: "Accedi", notice: "Email o password non corretti." });
    expect(m.demo!.users.map((u) => [u.role, `${u.before}${u.email}${u.after}`])).toEqual([
      ["Amministratore", "Usa admin@voloazzurro.it"],
      ["Team leader", "Usa marco@voloazzurro.it"],
      ["Operatore", "Usa giulia@voloazzurro.it"],
    ]);
    expect(m.demo!.passwordHtml).toBe(`Password di tutti gli account: <code>${DEMO_PASSWORD}</code>`);
  });
});

describe("the sign-in page's HTML", () => {
  it("has no script, says its language, labels every field and focuses the email", () => {
    const out = renderLoginPage(buildLoginPageModel({ ...base, demo: true }));
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/\son[a-z]+=/i);
    expect(out).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(out).toContain('<form method="post" action="/login" novalidate>');
    expect(out).toContain('<label for="email">Email</label><input id="email" name="email" type="email" autocomplete="username"');
    expect(out).toMatch(/<input id="email"[^>]* autofocus/);
    expect(out).toContain('autocomplete="current-password"');
    expect(out).toContain('<input type="hidden" name="csrfToken" value="tok">');
    expect(out).not.toContain('role="alert"');
    expect(out).toContain("<code>sportello-demo</code>");
    expect(out).toContain('<a href="/login?as=giulia%40voloazzurro.it"><span class="mono"><span class="sr">Use </span>giulia@voloazzurro.it</span><span class="role">Agent</span></a>');
  });

  it("after a refusal: the message as an alert, the email kept (escaped), the cursor on the password", () => {
    const out = renderLoginPage(buildLoginPageModel({ ...base, email: '"><img src=x>', notice: "incorrect", callbackUrl: "/inbox?view=mine&x=<b>" }));
    expect(out).toContain('<div id="login-error" class="alert" role="alert">');
    expect(out).toContain("Email or password is incorrect.");
    expect(out).toContain('value="&quot;&gt;&lt;img src=x&gt;"');
    expect(out).not.toContain("<img");
    expect(out).toContain('name="callbackUrl" value="/inbox?view=mine&amp;x=&lt;b&gt;"');
    expect(out).toMatch(/<input id="password"[^>]* autofocus/);
    expect(out).not.toMatch(/<input id="email"[^>]* autofocus/);
  });

  it("marks each field to fix, links to it from the summary and focuses the first", () => {
    const out = renderLoginPage(buildLoginPageModel({ ...base, lang: "it", email: "x", fieldErrors: { email: "emailInvalid", password: "passwordMissing" } }));
    expect(out).toContain('<html lang="it">');
    expect(out).toContain("Controlla i campi qui sotto per accedere.");
    expect(out).toContain('aria-invalid="true" aria-describedby="email-error"');
    expect(out).toContain('<p class="field-error" id="password-error">Inserisci la password.</p>');
    expect(out).toContain('<a href="#email">Inserisci un indirizzo email come nome@azienda.it.</a>');
    expect(out).toMatch(/<input id="email"[^>]* autofocus/);
  });

  it("admits its one stylesheet by hash, and nothing else", () => {
    const out = renderLoginPage(buildLoginPageModel(base));
    const css = /<style>([^<]*)<\/style>/.exec(out)![1]!;
    expect(LOGIN_CSP).toContain(`style-src 'sha256-${createHash("sha256").update(css).digest("base64")}'`);
    expect(LOGIN_CSP).toMatch(/^default-src 'none'/);
    expect(LOGIN_CSP).not.toContain("script-src");
    expect(LOGIN_CSP).toContain("form-action 'self'");
    expect(LOGIN_CSP).toContain("frame-ancestors 'none'");
  });
});
