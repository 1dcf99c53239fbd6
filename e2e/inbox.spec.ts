import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

test.describe("the shared inbox", () => {
  test("an agent signs in, opens a customer's conversation and replies", async ({ page, request }) => {
    const customer = newCustomer("Reply");
    await customerWrites(request, customer, "Buongiorno, vorrei cambiare il volo AZ 1234 di domani.");

    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);

    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const log = thread.getByRole("log", { name: "Messages" });
    await expect(log.getByText("vorrei cambiare il volo AZ 1234")).toBeVisible();

    await thread.getByRole("textbox", { name: "Reply" }).fill("Certo! Mi dà il codice di prenotazione?");
    await page.keyboard.press("Enter");
    await expect(log.getByText("Certo! Mi dà il codice di prenotazione?")).toBeVisible();
    await expect(thread.getByRole("textbox", { name: "Reply" })).toHaveValue("");

    // The URL is shareable: a reload shows the same thread with the reply stored.
    await page.reload();
    await expect(page.getByRole("log", { name: "Messages" }).getByText("Certo! Mi dà il codice di prenotazione?")).toBeVisible();
  });

  test("two agents see each other's replies and status changes without reloading", async ({ browser, request }) => {
    const customer = newCustomer("Live");
    await customerWrites(request, customer, "Hello, my bag did not arrive in Fiumicino.");

    const a = await browser.newContext();
    const b = await browser.newContext();
    const giulia = await a.newPage();
    const luca = await b.newPage();
    await signIn(giulia, USERS.agents.giulia);
    await signIn(luca, USERS.agents.luca);

    await giulia.goto("/inbox?view=all");
    await giulia.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(giulia).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    const conversationUrl = giulia.url();
    await luca.goto(conversationUrl);
    const lucaLog = luca.getByRole("log", { name: "Messages" });
    await expect(lucaLog.getByText("my bag did not arrive")).toBeVisible();

    // A reply in one window appears in the other.
    await giulia.getByRole("textbox", { name: "Reply" }).fill("I'm sorry! Could you share your baggage tag number?");
    await giulia.keyboard.press("Enter");
    await expect(lucaLog.getByText("Could you share your baggage tag number?")).toBeVisible();

    // A status change in the other window appears in the first.
    await luca.getByRole("button", { name: "Pending", exact: true }).click();
    await expect(giulia.getByRole("log", { name: "Messages" }).getByText(/marked this pending/)).toBeVisible();
    await expect(giulia.getByRole("button", { name: "Pending", exact: true })).toHaveCount(0);

    // A new customer message reaches an open list live.
    const other = newCustomer("Arrival");
    await luca.goto("/inbox?view=all");
    await expect(luca.getByRole("region", { name: "Conversations" })).toBeVisible();
    await customerWrites(request, other, "Is flight AZ 610 on time?");
    await expect(luca.getByRole("link", { name: new RegExp(other.name) })).toBeVisible();

    await a.close();
    await b.close();
  });

  test("keyboard: j/k move through the list, r focuses the reply box, Esc leaves", async ({ page }) => {
    await signIn(page, USERS.agents.sara);
    await page.goto("/inbox?view=all");
    await expect(page.getByRole("region", { name: "Conversations" }).getByRole("link").first()).toBeVisible();
    await page.keyboard.press("j");
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    const first = page.url();
    await page.keyboard.press("j");
    await expect(page).not.toHaveURL(first);
    await page.keyboard.press("k");
    await expect(page).toHaveURL(first);
    await page.keyboard.press("r");
    await expect(page.getByRole("textbox", { name: "Reply" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("textbox", { name: "Reply" })).not.toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/\/inbox(\?|$)/);
  });
});

test.describe("access control", () => {
  test("unauthenticated API calls get 401 JSON and pages redirect to sign-in", async ({ playwright, baseURL, page }) => {
    const anon = await playwright.request.newContext({ baseURL });
    for (const path of ["/api/conversations", "/api/conversations/counts", "/api/events", "/api/me"]) {
      const res = await anon.get(path);
      expect(res.status(), path).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const patch = await anon.patch("/api/conversations/00000000-0000-4000-8000-000000000000", { data: { status: "resolved" } });
    expect(patch.status()).toBe(401);
    await anon.dispose();

    await page.goto("/inbox");
    await expect(page).toHaveURL(/\/login/);
  });

  test("an agent cannot assign a conversation to someone else; a lead can", async ({ page, request }) => {
    const customer = newCustomer("Perm");
    await customerWrites(request, customer, "Vorrei un rimborso, per favore.");
    await signIn(page, USERS.agents.paolo);
    const list = await (await page.request.get("/api/conversations?view=unassigned&limit=100")).json();
    const conv = list.items.find((c: { contact: { name: string } }) => c.contact.name === customer.name);
    expect(conv).toBeTruthy();
    const mates = (await (await page.request.get("/api/teammates")).json()).items as { id: string; email: string }[];
    const chiara = mates.find((m) => m.email === USERS.agents.chiara)!;

    const refused = await page.request.patch(`/api/conversations/${conv.id}`, { data: { assigneeId: chiara.id } });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error).toMatchObject({ code: "forbidden", message: expect.stringMatching(/leads/) });

    const bad = await page.request.patch(`/api/conversations/${conv.id}`, { data: { status: "closed" } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).error.fields.status).toBeTruthy();

    const lead = await page.context().browser()!.newContext();
    const leadPage = await lead.newPage();
    await signIn(leadPage, USERS.leads.marco);
    const ok = await leadPage.request.patch(`/api/conversations/${conv.id}`, { data: { assigneeId: chiara.id } });
    expect(ok.status()).toBe(200);
    expect((await ok.json()).assignee.id).toBe(chiara.id);
    await lead.close();
  });

  test("a wrong password gets one calm error that does not say which field was wrong", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(USERS.agents.chiara);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });
});
