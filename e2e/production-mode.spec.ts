import { expect, test } from "@playwright/test";

// A real deployment's first start: `npm start` without SPORTELLO_DEMO and without WhatsApp
// credentials (scripts/e2e-live-server.sh, second server of playwright.config.ts).
const LIVE_URL = `http://127.0.0.1:${(Number(process.env.E2E_PORT) || 3100) + 1}`;
test.use({ baseURL: LIVE_URL });

test.describe("a production start without demo mode", () => {
  test("no demo logins, no demo users, no fake, no simulator, no webhook to forge", async ({ page, request }) => {
    await page.goto("/login");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
    await expect(page.getByText("sportello-demo")).toHaveCount(0);
    await expect(page.getByText(/admin@voloazzurro\.it/)).toHaveCount(0);

    // The demo's users do not exist here.
    await page.getByLabel("Email", { exact: true }).fill("admin@voloazzurro.it");
    await page.getByLabel("Password", { exact: true }).fill("sportello-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText(/incorrect/i)).toBeVisible();

    expect((await request.get("/api/fake-graph/v23.0/106540352242922")).status()).toBe(404);
    expect((await request.post("/api/fake-graph/_fake/customers/393331234567/messages", { data: { text: "hi" } })).status()).toBe(404);
    // No app secret: nobody can sign a webhook (an HMAC with an empty key would be anyone's).
    const hook = await request.post("/api/webhooks/whatsapp", { headers: { "content-type": "application/json", "x-hub-signature-256": "sha256=00" }, data: "{}" });
    expect(hook.status()).toBe(503);
    expect((await request.get("/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=&hub.challenge=x")).status()).toBe(503);
    await page.goto("/simulator");
    await expect(page.getByRole("heading", { name: /simulator is off/i })).toBeVisible();
  });

  test("the first admin (from user:create) signs in and is shown how to connect a number", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill("owner@company.example");
    await page.getByLabel("Password", { exact: true }).fill("live-e2e-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/inbox/);
    await page.goto("/settings");
    await expect(page.getByText("Not connected")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Connect your WhatsApp number" })).toBeVisible();
    await expect(page.getByText("http://127.0.0.1:" + new URL(LIVE_URL).port + "/api/webhooks/whatsapp")).toBeVisible();
    await expect(page.getByRole("link", { name: /simulator/i })).toHaveCount(0);
  });
});
