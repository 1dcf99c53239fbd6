import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { request as playwrightRequest, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { conversationOf, customerWrites, expect, newCustomer, signedInApi, test, USERS } from "./fixtures";

// The page the customer opens from WhatsApp, on a phone: who asks for what, how much, until when;
// the no-script card form (declined stays payable, 4242 pays), the paid, cancelled and 404 pages,
// Italian by Accept-Language, the privacy headers, and no serious accessibility violation.

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const json = { "content-type": "application/json" };

type Created = { id: string; payUrl: string; reference: string; amountTotal: number };

async function payRequest(agent: APIRequestContext, anon: APIRequestContext, prefix: string): Promise<Created & { path: string }> {
  const customer = newCustomer(prefix);
  await customerWrites(anon, customer, "Can I pay for the seat upgrade here?");
  const conv = { id: await conversationOf(agent, customer) };
  const res = await agent.post("/api/payment-requests", {
    headers: { ...json, "idempotency-key": randomUUID() },
    data: {
      conversationId: conv!.id,
      currency: "EUR",
      lineItems: [
        { name: "Seat upgrade 12A", quantity: 1, unitAmount: 4500 },
        { name: "Extra bag 23 kg", quantity: 2, unitAmount: 3500 },
      ],
      taxRate: 22,
      discountAmount: 1000,
      description: "Seat upgrade and bags for AZ 1234",
    },
  });
  expect(res.status()).toBe(201);
  const r = (await res.json()) as Created;
  return { ...r, path: new URL(r.payUrl).pathname };
}

/** axe-core in the page: violations that are serious or critical (none allowed). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.impact} ${v.id}: ${v.targets.join(", ")}`);
}

async function phone(browser: Browser, locale = "en-GB") {
  // bypassCSP: only so axe-core can be injected; the page itself runs no script.
  return browser.newContext({ ...PHONE, locale, bypassCSP: true, javaScriptEnabled: true });
}

test.describe("the customer's pay page", () => {
  // Each test pays through a real browser and runs axe-core several times: room for a busy machine.
  test.describe.configure({ timeout: 90_000 });
  let agent: APIRequestContext;
  let anon: APIRequestContext;
  test.beforeAll(async ({ baseURL }) => {
    agent = await signedInApi(baseURL!, USERS.agents.luca);
    anon = await playwrightRequest.newContext({ baseURL });
  });
  test.afterAll(async () => {
    await agent?.dispose();
    await anon?.dispose();
  });

  test("on a phone: the payee and its badge, the amount, the expiry; declined stays payable; 4242 pays; reopening shows the paid page", async ({ browser }) => {
    const r = await payRequest(agent, anon, "PayPage");
    const view = await (await anon.get(`/api${r.path}`)).json();
    const context = await phone(browser);
    const page = await context.newPage();

    const res = await page.goto(r.path);
    expect(res!.status()).toBe(200);
    const headers = res!.headers();
    expect(headers["x-robots-tag"]).toContain("noindex");
    expect(headers["referrer-policy"]).toBe("no-referrer");
    expect(headers["cache-control"]).toBe("no-store");
    expect(await page.locator("script").count(), "the page ships no script").toBe(0);

    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toContainText(view.business.name);
    if (view.business.verified) await expect(page.getByRole("img", { name: "Verified business" })).toBeVisible();
    // 45.00 + 2 × 35.00 = 115.00, − 10.00 = 105.00, + 22 % = 128.10
    await expect(page.getByText("Amount due")).toBeVisible();
    await expect(page.locator(".amount")).toHaveText("€128.10");
    await expect(page.getByText("Seat upgrade and bags for AZ 1234")).toBeVisible();
    await expect(page.getByText(/^Pay by \d{1,2} \w+ \d{4} at \d\d:\d\d CES?T$/)).toBeVisible();
    await expect(page.getByText("Extra bag 23 kg")).toBeVisible();
    await expect(page.getByText("2 × €35.00")).toBeVisible();
    await expect(page.getByText("Tax (22%)")).toBeVisible();
    await expect(page.getByText(r.reference)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/pay-phone.png", fullPage: true });

    const pay = async (number: string) => {
      await page.getByLabel("Card number").fill(number);
      await page.getByLabel("Expiry date").fill("12/34");
      await page.getByLabel("Security code").fill("123");
      await page.getByLabel("Name on card").fill("Giulia Bianchi");
      await page.getByRole("button", { name: "Pay €128.10" }).click();
    };

    await pay("4000 0000 0000 0002");
    // Back at the form (#pay), the reason above it.
    await expect(page).toHaveURL(/\?result=declined&code=card_declined#pay$/);
    await expect(page.getByRole("alert")).toContainText("Your card was declined. Nothing was charged");
    await expect(page.getByRole("alert")).toBeInViewport();
    await expect(page.getByRole("button", { name: "Pay €128.10" })).toBeVisible();
    expect((await (await anon.get(`/api${r.path}`)).json()).status).toBe("pending");
    await page.screenshot({ path: "/tmp/pay-phone-declined.png" });

    await pay("4242 4242 4242 4242");
    await expect(page.getByRole("heading", { name: "Payment received" })).toBeVisible();
    await expect(page.getByText("Thank you! You paid €128.10 to")).toBeVisible();
    await expect(page.getByText(/^Paid on /)).toBeVisible();
    await expect(page.getByRole("button", { name: /^Pay / })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/pay-phone-paid.png", fullPage: true });
    expect((await (await agent.get(`/api/payment-requests/${r.id}`)).json()).status).toBe("paid");

    // Reopened later from WhatsApp: still the paid page, never a second form.
    const again = await context.newPage();
    await again.goto(r.path);
    await expect(again.getByRole("heading", { name: "Payment received" })).toBeVisible();
    await expect(again.locator("form")).toHaveCount(0);
    await context.close();
  });

  test("bad input comes back with the fields marked, never an error page", async ({ browser }) => {
    const r = await payRequest(agent, anon, "PayBad");
    const context = await browser.newContext({ ...PHONE, locale: "en-GB", bypassCSP: true, colorScheme: "dark" });
    const page = await context.newPage();
    await page.goto(r.path);
    await page.getByLabel("Card number").fill("4242");
    await page.getByLabel("Expiry date").fill("13/99");
    await page.getByLabel("Security code").fill("12");
    await page.getByLabel("Name on card").fill("G");
    await page.getByRole("button", { name: /^Pay / }).click();
    await expect(page.getByRole("alert")).toHaveText("Please check the fields marked below.");
    await expect(page.getByLabel("Card number")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Card number")).toHaveAccessibleDescription("Enter the card number (12 to 19 digits).");
    await expect(page.getByLabel("Expiry date")).toHaveValue("13/99");
    await expect(page.getByLabel("Security code")).toHaveAccessibleDescription("Enter the 3 or 4 digit security code.");
    await expect(page.getByRole("alert")).toBeInViewport();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/pay-phone-fields-dark.png" });
    await context.close();
  });

  test("a cancelled request and a wrong token have their own pages", async ({ browser }) => {
    const cancelled = await payRequest(agent, anon, "PayCancel");
    expect((await agent.post(`/api/payment-requests/${cancelled.id}/cancel`, { headers: json })).status()).toBe(200);
    const context = await phone(browser);
    const page = await context.newPage();
    await page.goto(cancelled.path);
    await expect(page.getByRole("heading", { name: "This payment request was cancelled" })).toBeVisible();
    await expect(page.locator("form")).toHaveCount(0);
    await page.screenshot({ path: "/tmp/pay-phone-cancelled.png", fullPage: true });

    const missing = await page.goto("/pay/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(missing!.status()).toBe(404);
    expect(missing!.headers()["x-robots-tag"]).toContain("noindex");
    await expect(page.getByRole("heading", { level: 1, name: "This payment link does not exist" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "/tmp/pay-phone-404.png", fullPage: true });
    await context.close();
  });

  test("in Italian by Accept-Language on a desktop; switching to English sticks through the form", async ({ browser }) => {
    const r = await payRequest(agent, anon, "PayItaliano");
    const italian = await browser.newContext({ locale: "it-IT", viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const it = await italian.newPage();
    const res = await it.goto(r.path);
    expect(res!.headers()["content-language"]).toBe("it");
    await expect(it.locator("html")).toHaveAttribute("lang", "it");
    await expect(it.getByText("Importo da pagare")).toBeVisible();
    await expect(it.locator(".amount")).toHaveText("128,10\u00a0€");
    await expect(it.getByText(/^Da pagare entro il \d{1,2} \w+ \d{4}/)).toBeVisible();
    await expect(it.getByRole("button", { name: "Paga 128,10\u00a0€" })).toBeVisible();
    await expect(it.getByLabel("Numero della carta")).toBeVisible();
    expect(await seriousViolations(it)).toEqual([]);
    await it.screenshot({ path: "/tmp/pay-desktop-it.png", fullPage: true });

    // The customer switches to English on the page: the choice sticks through the form.
    await it.getByRole("link", { name: "English" }).click();
    await expect(it.getByText("Amount due")).toBeVisible();
    await it.getByLabel("Card number").fill("4000 0000 0000 0119");
    await it.getByLabel("Expiry date").fill("12/34");
    await it.getByLabel("Security code").fill("123");
    await it.getByLabel("Name on card").fill("Marco Rossi");
    await it.getByRole("button", { name: /^Pay / }).click();
    await expect(it).toHaveURL(/lang=en&result=failed/);
    await expect(it.getByRole("alert")).toContainText("We could not process your card just now");
    await it.screenshot({ path: "/tmp/pay-desktop.png", fullPage: true });
    await italian.close();
  });
});
