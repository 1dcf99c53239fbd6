import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

// The WhatsApp number as admins see it (settings) and as everyone sees it when it breaks (an
// expired access token, error 190): a failed reply explains itself and Retry really sends again.
test.describe("the WhatsApp channel", () => {
  test("settings list the number with its name, badge and webhook state; secrets only as set or not", async ({ page }) => {
    await signIn(page, USERS.admin);
    await page.goto("/settings");
    const section = page.getByRole("region", { name: "WhatsApp numbers" });
    await expect(section.getByText("Demo mode: built-in fake WhatsApp")).toBeVisible();
    const number = section.getByRole("listitem").filter({ hasText: "+39 06 8888 0000" });
    await expect(number.getByText("Volo Azzurro")).toBeVisible();
    await expect(number.getByRole("img", { name: "Official business account" })).toBeVisible();
    await expect(number.getByText("Receiving")).toBeVisible();
    await expect(number.getByText("106540352242922")).toBeVisible();
    await expect(section.getByText(/\/api\/webhooks\/whatsapp$/)).toBeVisible();
    await expect(section.getByText("Set in WHATSAPP_APP_SECRET")).toBeVisible();
    // e2e runs without an access token: demo mode, and the page says so instead of showing a value.
    await expect(section.getByText("Not set (demo mode uses a built-in value)")).toBeVisible();
    await expect(page.getByText("e2e-app-secret")).toHaveCount(0);

    await expect(number.getByText("Name, badge and quality not checked with WhatsApp yet")).toBeVisible();
    await number.getByRole("button", { name: "Refresh from WhatsApp" }).click();
    await expect(number.getByText(/Name, badge and quality checked (just now|.* ago)/)).toBeVisible();
    await expect(number.getByText("High")).toBeVisible();
    await page.screenshot({ path: "test-results/settings-whatsapp.png", fullPage: true });
  });

  test("an admin sets a welcome message; a customer who opens the chat for the first time gets it once", async ({ page, request }) => {
    await signIn(page, USERS.admin);
    await page.goto("/settings");
    const number = page.getByRole("region", { name: "WhatsApp numbers" }).getByRole("listitem").filter({ hasText: "+39 06 8888 0000" });
    const welcome = `Benvenuto su Volo Azzurro! Come possiamo aiutarti? (${Date.now()})`;
    await number.getByRole("button", { name: "Add" }).click();
    await number.getByRole("textbox", { name: "Welcome message" }).fill(welcome);
    await number.getByRole("button", { name: "Save" }).click();
    await expect(number.getByText(welcome)).toBeVisible();

    // The customer opens the chat (WhatsApp's request_welcome, from the fake's customer side).
    const customer = newCustomer("Welcome");
    const opened = await request.post(`/api/fake-graph/_fake/customers/${customer.waId}/messages`, { data: { profileName: customer.name, type: "request_welcome" } });
    expect(opened.status()).toBe(201);
    await expect
      .poll(async () => ((await (await request.get(`/api/fake-graph/_fake/customers/${customer.waId}/inbox`)).json()).data as { content: { body?: string } }[]).map((r) => r.content.body), { timeout: 15_000 })
      .toEqual([welcome]);

    // Removing it: nobody else is greeted (the shared e2e database stays as it was).
    await number.getByRole("button", { name: "Edit" }).click();
    await number.getByRole("button", { name: "Remove" }).click();
    await expect(number.getByText("None: customers who open the chat see no greeting.")).toBeVisible();
  });

  test("channels are for leads and admins; refreshing is for admins", async ({ browser, playwright, baseURL }) => {
    const anonymous = await playwright.request.newContext({ baseURL });
    expect((await anonymous.get("/api/channels")).status()).toBe(401);
    await anonymous.dispose();

    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await signIn(agent, USERS.agents.luca);
    const denied = await agent.request.get("/api/channels");
    expect(denied.status()).toBe(403);
    expect((await denied.json()).error.code).toBe("forbidden");
    await agentContext.close();

    const leadContext = await browser.newContext();
    const lead = await leadContext.newPage();
    await signIn(lead, USERS.leads.marco);
    const list = await lead.request.get("/api/channels");
    expect(list.status()).toBe(200);
    const { items } = await list.json();
    expect(JSON.stringify(items)).not.toMatch(/token|secret/i);
    expect((await lead.request.post(`/api/channels/${items[0].id}/refresh`)).status()).toBe(403);
    await lead.goto("/settings");
    await expect(lead.getByRole("region", { name: "WhatsApp numbers" }).getByText("Volo Azzurro")).toBeVisible();
    await expect(lead.getByRole("button", { name: "Refresh from WhatsApp" })).toHaveCount(0);
    await leadContext.close();
  });

  test("an expired token: the reply fails in words, everyone sees the banner, Retry sends it for real", async ({ page, request }) => {
    test.slow();
    const customer = newCustomer("Token");
    await customerWrites(request, customer, "Mi serve la ricevuta del volo AZ 610.");
    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const log = thread.getByRole("log", { name: "Messages" });
    await expect(log.getByText("Mi serve la ricevuta")).toBeVisible();

    // WhatsApp (the built-in fake) rejects the next send with 190.
    const fault = await request.post("/api/fake-graph/_fake/faults", { data: { code: 190, times: 1, recipient: customer.waId } });
    expect(fault.status()).toBe(201);

    const text = "Gliela invio subito via email.";
    await thread.getByRole("textbox", { name: "Reply" }).fill(text);
    await page.keyboard.press("Enter");
    const reply = log.getByRole("listitem").filter({ hasText: text });
    await expect(reply.getByText(/Not delivered: The WhatsApp access token has expired/)).toBeVisible({ timeout: 15_000 });
    const banner = page.getByRole("alert").filter({ hasText: "Replies cannot be sent from +39 06 8888 0000" });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText("WhatsApp rejected the access token");
    await page.screenshot({ path: "test-results/token-failed.png" });

    // The token works again (the fault was for one send): Retry sends the same message.
    await reply.getByRole("button", { name: "Retry sending" }).click();
    await expect(reply.getByText(/Not delivered/)).toHaveCount(0, { timeout: 15_000 });
    await expect(reply.getByRole("img", { name: /Sent|Delivered|Read/ })).toBeVisible({ timeout: 15_000 });
    await expect(banner).toHaveCount(0, { timeout: 15_000 });
    await page.screenshot({ path: "test-results/token-retry.png" });
  });
});
