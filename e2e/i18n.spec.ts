import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

// Elena signs in nowhere else: her saved language cannot leak into another spec's English.
const ELENA = USERS.leads.elena;

test.describe("the UI in Italian", () => {
  test("a browser that prefers Italian gets the sign-in page in Italian", async ({ browser }) => {
    const context = await browser.newContext({ locale: "it-IT" });
    const page = await context.newPage();
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page).toHaveTitle("Accedi · Sportello");
    await expect(page.getByText("Tutte le conversazioni WhatsApp con i tuoi clienti, gestite insieme.")).toBeVisible();

    await page.getByLabel("Email", { exact: true }).fill(USERS.agents.chiara);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Accedi" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email o password non corretti." })).toBeVisible();
    await context.close();
  });

  test("switching to Italiano in the user menu keeps the inbox in Italian, across reloads, until switched back", async ({ page, request }) => {
    const customer = newCustomer("Lingua");
    await customerWrites(request, customer, "Buongiorno, il mio volo è stato cancellato.");
    await signIn(page, ELENA);
    try {
      await page.goto("/inbox?view=all");
      await page.getByRole("link", { name: new RegExp(customer.name) }).click();
      await expect(page.getByRole("log", { name: "Messages" })).toBeVisible();

      await page.getByRole("button", { name: /^Account: / }).click();
      await page.getByRole("menuitemradio", { name: "Italiano" }).click();

      await expect(page.locator("html")).toHaveAttribute("lang", "it");
      await expect(page.getByRole("navigation", { name: "Principale" }).getByRole("link", { name: "Posta in arrivo" })).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Viste" }).getByRole("link", { name: /Assegnate a me/ })).toBeVisible();
      const thread = page.getByRole("region", { name: `Conversazione con ${customer.name}` });
      const log = thread.getByRole("log", { name: "Messaggi" });
      await expect(log.getByText("il mio volo è stato cancellato")).toBeVisible();
      await expect(thread.getByRole("textbox", { name: "Risposta" })).toHaveAttribute("placeholder", "Scrivi una risposta…");

      // A system event is said from its data, in the reader's language.
      await thread.getByRole("button", { name: "In attesa", exact: true }).click();
      await expect(log.getByText(/ha segnato questa conversazione come in attesa/)).toBeVisible();

      // The choice is the user's, on the server: a reload (and a new page) keeps it.
      await page.reload();
      await expect(page.locator("html")).toHaveAttribute("lang", "it");
      await expect(page.getByRole("log", { name: "Messaggi" })).toBeVisible();
      expect((await (await page.request.get("/api/me")).json()).user.locale).toBe("it");
      await page.getByRole("button", { name: /^Account: / }).click();
      await expect(page.getByRole("menuitemradio", { name: "Italiano" })).toHaveAttribute("aria-checked", "true");

      // Browser default follows the browser (en-US here): English again, the same event in English.
      await page.getByRole("menuitemradio", { name: "Lingua del browser" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "en");
      await expect(page.getByRole("log", { name: "Messages" }).getByText(/marked this pending/)).toBeVisible();
      expect((await (await page.request.get("/api/me")).json()).user.locale).toBeNull();

      await page.getByRole("button", { name: /^Account: / }).click();
      await page.getByRole("menuitemradio", { name: "English" }).click();
      await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Inbox" })).toBeVisible();
      await expect.poll(async () => (await (await page.request.get("/api/me")).json()).user.locale).toBe("en");
    } finally {
      // Leave Elena as the seed made her, whatever happened above.
      await page.request.patch("/api/me", { data: { locale: null } });
    }
  });

  test("PATCH /api/me takes only en, it or null, and only from a signed-in user", async ({ page, playwright, baseURL }) => {
    const anon = await playwright.request.newContext({ baseURL });
    const res = await anon.patch("/api/me", { data: { locale: "it" } });
    expect(res.status()).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
    await anon.dispose();

    await signIn(page, ELENA);
    const bad = await page.request.patch("/api/me", { data: { locale: "fr" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.fields.locale).toBeTruthy();
    const ok = await page.request.patch("/api/me", { data: { locale: null } });
    expect(ok.status()).toBe(200);
    expect(await ok.json()).toEqual({ locale: null });
  });
});
