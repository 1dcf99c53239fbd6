import { request as playwrightRequest, type APIRequestContext, type Browser } from "@playwright/test";
import { seriousAxeViolations } from "./axe";
import { DEMO_PASSWORD, expect, test, USERS } from "./fixtures";

// /login is a route handler answering HTML with no script (issue 14): signing in is a plain form
// post, answered with a 303 to where the person was going or the page again saying what is wrong.

const noScript = (browser: Browser, opts: Parameters<Browser["newContext"]>[0] = {}) => browser.newContext({ ...opts, javaScriptEnabled: false });

/** The form's hidden fields of a GET /login (its cookie stays in `ctx`). */
async function formOf(ctx: APIRequestContext, path = "/login"): Promise<{ csrfToken: string; callbackUrl: string }> {
  const page = await (await ctx.get(path)).text();
  const value = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1] ?? "";
  return { csrfToken: value("csrfToken"), callbackUrl: value("callbackUrl").replace(/&amp;/g, "&") };
}

test.describe("the sign-in page", () => {
  test("is HTML with no script at all, under a policy that would run none", async ({ request }) => {
    const res = await request.get("/login");
    expect(res.status()).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    const h = res.headers();
    expect(h["content-type"]).toBe("text/html; charset=utf-8");
    expect(h["content-security-policy"]).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(h["content-security-policy"]).not.toContain("script-src");
    expect(h["content-security-policy"]).toContain("form-action 'self'");
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(h["content-security-policy"]).toContain("base-uri 'none'");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["cache-control"]).toBe("no-store");
    expect(h["set-cookie"]).toMatch(/next-auth\.csrf-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
  });

  test("with JavaScript off: missing fields are named, then signing in lands where the person was going, and /login sends them on", async ({ browser }) => {
    const context = await noScript(browser);
    const page = await context.newPage();
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Freports$/);

    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toContainText("Check the fields below to sign in.");
    await expect(page.getByRole("alert").getByRole("link", { name: "Enter your email address." })).toHaveAttribute("href", "#email");
    await expect(page.locator("#email-error")).toHaveText("Enter your email address.");
    await expect(page.locator("#password-error")).toHaveText("Enter your password.");
    await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Email", { exact: true })).toBeFocused();

    await page.getByLabel("Email", { exact: true }).fill(USERS.leads.marco);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("#password-error")).toHaveText("Enter your password.");
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(USERS.leads.marco);
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();

    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/reports$/);
    // Signed in already: the sign-in page goes straight on.
    await page.goto("/login?callbackUrl=/team");
    await expect(page).toHaveURL(/\/team$/);
    await context.close();
  });

  test("a wrong password: the page again in the browser's language, email kept, cursor on the password", async ({ browser }) => {
    for (const [locale, lang, button, message] of [
      ["en-GB", "en", "Sign in", "Email or password is incorrect."],
      ["it-IT", "it", "Accedi", "Email o password non corretti."],
    ] as const) {
      const context = await noScript(browser, { locale });
      const page = await context.newPage();
      await page.goto("/login");
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await page.getByLabel("Email", { exact: true }).fill(USERS.agents.sara);
      await page.getByLabel("Password", { exact: true }).fill("not-the-password");
      const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
      expect(answer.status()).toBe(401);
      await expect(page.getByRole("alert")).toHaveText(message);
      await expect(page.getByLabel("Email", { exact: true })).toHaveValue(USERS.agents.sara);
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
      await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
      expect((await context.cookies()).map((c) => c.name)).not.toContain("next-auth.session-token");
      await context.close();
    }
  });

  test("callbackUrl stays on this site: another origin, protocol-relative or backslashed goes to the inbox", async ({ baseURL }) => {
    const anon = await playwrightRequest.newContext({ baseURL });
    for (const target of ["//evil.example/x", "https://evil.example/x", "/\\evil.example", "/\t/evil.example", "javascript:alert(1)"]) {
      expect((await formOf(anon, `/login?callbackUrl=${encodeURIComponent(target)}`)).callbackUrl, target).toBe("/inbox");
    }
    expect((await formOf(anon, `/login?callbackUrl=${encodeURIComponent(`${baseURL}/team?x=1`)}`)).callbackUrl).toBe("/team?x=1");

    // A forged hidden field is checked again when posted.
    const { csrfToken } = await formOf(anon);
    const res = await anon.post("/login", { form: { email: USERS.agents.luca, password: DEMO_PASSWORD, csrfToken, callbackUrl: "https://evil.example/x" }, headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers()["location"]).toBe("/inbox");
    expect(res.headers()["set-cookie"]).toMatch(/next-auth\.session-token=/);
    expect((await anon.get("/api/me")).status()).toBe(200);
    await anon.dispose();
  });

  test("a form posted from another site, or without the page's token, signs nobody in", async ({ baseURL }) => {
    const anon = await playwrightRequest.newContext({ baseURL });
    const { csrfToken } = await formOf(anon);
    const forged = await anon.post("/login", {
      form: { email: USERS.agents.luca, password: DEMO_PASSWORD, csrfToken },
      headers: { origin: "http://evil.example", "sec-fetch-site": "cross-site" },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(303);
    expect(forged.headers()["location"]).toBe("/login");
    expect(forged.headers()["set-cookie"] ?? "").not.toContain("session-token");

    const stale = await anon.post("/login", { form: { email: USERS.agents.luca, password: DEMO_PASSWORD, csrfToken: "stale" }, headers: { origin: baseURL! }, maxRedirects: 0 });
    expect(stale.status()).toBe(403);
    expect(await stale.text()).toContain("Enter your password again to sign in.");
    expect((await anon.get("/api/me")).status()).toBe(401);
    await anon.dispose();
  });

  test("a demo account picked from the list fills the form, with no script", async ({ browser }) => {
    const context = await noScript(browser);
    const page = await context.newPage();
    await page.goto("/login?callbackUrl=%2Fsettings");
    await page.getByRole("link", { name: `Use ${USERS.agents.giulia}` }).click();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(USERS.agents.giulia);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/settings$/);
    await context.close();
  });

  test("has no serious accessibility violation, light and dark, with and without an error", async ({ browser }) => {
    for (const colorScheme of ["light", "dark"] as const) {
      // bypassCSP: only so axe-core can be injected; the page itself runs no script.
      const context = await browser.newContext({ colorScheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto("/login");
      expect(await seriousAxeViolations(page), colorScheme).toEqual([]);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      expect(await seriousAxeViolations(page), `${colorScheme}, with errors`).toEqual([]);
      await context.close();
    }
  });
});
