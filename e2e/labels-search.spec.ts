import { seriousAxeViolations } from "./axe";
import { test, expect, USERS, customerWrites, newCustomer, signIn, signedInApi } from "./fixtures";

test.describe("labels and search", () => {
  test("a lead creates a label; an agent puts it on a conversation, sees it live in the list and filters by it", async ({ browser, request, baseURL }) => {
    test.setTimeout(90_000);
    const customer = newCustomer("Label");
    await customerWrites(request, customer, "My stroller was damaged on the flight to Catania.");
    const name = `Damage ${Date.now() % 100000}`;

    const leadCtx = await browser.newContext();
    const lead = await leadCtx.newPage();
    await signIn(lead, USERS.leads.marco);
    await lead.goto("/settings#labels");
    const section = lead.getByRole("region", { name: "Labels" });
    await section.getByRole("button", { name: "New label" }).click();
    await section.getByLabel("Name").fill(name);
    await section.getByRole("radio", { name: "Amber" }).check({ force: true });
    await section.getByRole("button", { name: "Create label" }).click();
    await expect(section.getByText(name)).toBeVisible();
    // A duplicate name is refused with a clear message, nothing is lost.
    await section.getByRole("button", { name: "New label" }).click();
    await section.getByLabel("Name").fill(name.toLowerCase());
    await section.getByRole("button", { name: "Create label" }).click();
    await expect(section.getByRole("alert")).toContainText("already a label");
    await section.getByRole("button", { name: "Cancel" }).click();

    const agentCtx = await browser.newContext();
    const agent = await agentCtx.newPage();
    await signIn(agent, USERS.agents.giulia);
    await agent.goto("/inbox?view=all");
    await agent.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = agent.getByRole("region", { name: `Conversation with ${customer.name}` });
    await thread.getByRole("button", { name: "Add label" }).click();
    const dialog = agent.getByRole("dialog", { name: "Labels of this conversation" });
    await dialog.getByRole("searchbox").fill(name.slice(0, 6));
    await dialog.getByText(name).click();
    await agent.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(thread.getByRole("list", { name: "Labels" }).getByText(name)).toBeVisible();
    await expect(thread.getByRole("log", { name: "Messages" }).getByText(`Giulia Romano added the label ${name}`)).toBeVisible();

    // The lead's list shows the chip without reloading, and the label's view lists only it.
    await lead.goto("/inbox?view=all");
    const row = lead.getByRole("link", { name: new RegExp(customer.name) });
    await expect(row.getByText(name)).toBeVisible({ timeout: 15_000 });
    await lead.getByRole("navigation", { name: "Views" }).getByRole("link", { name }).click();
    await expect(lead).toHaveURL(/label=/);
    await expect(lead.getByRole("region", { name: "Conversations" }).getByRole("link", { name: new RegExp(customer.name) })).toBeVisible();
    await expect(lead.locator("[data-conversation-row]")).toHaveCount(1);

    // Agents cannot manage labels (the API says 403).
    const api = await signedInApi(baseURL!, USERS.agents.giulia);
    expect((await api.post("/api/labels", { data: { name: "Nope" } })).status()).toBe(403);
    await api.dispose();
    await leadCtx.close();
    await agentCtx.close();
  });

  test("search finds a message by word prefixes, opens the thread at that message, and finds the customer by name", async ({ page, request }) => {
    test.setTimeout(60_000);
    const customer = newCustomer("Search");
    const word = `zephyr${Date.now() % 100000}`;
    await customerWrites(request, customer, `Hello, my reference is ${word} and the flight was cancelled.`);
    for (let i = 0; i < 3; i++) await customerWrites(request, customer, `Follow-up number ${i + 1}`);

    await signIn(page, USERS.agents.sara);
    await page.goto("/inbox");
    const panel = page.getByRole("region", { name: "Search", exact: true });
    // "/" opens search from anywhere outside a text field (once the page is interactive).
    await expect(async () => {
      await page.keyboard.press("/");
      await expect(panel).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await panel.getByRole("searchbox", { name: "Search messages and customers" }).fill(word.slice(0, 8));
    const hit = panel.getByRole("link", { name: new RegExp(`conversation with ${customer.name}`) });
    await expect(hit).toBeVisible();
    await expect(hit.locator("mark")).toHaveText(new RegExp(`^${word}$`, "i"));
    await hit.click();
    await expect(page).toHaveURL(/message=/);
    const log = page.getByRole("log", { name: "Messages" });
    await expect(log.getByText(`my reference is ${word}`)).toBeVisible();
    // The jumped-to message has focus, so a keyboard user lands on it too.
    await expect(page.locator("[data-message-id]:focus")).toContainText(word);

    // The customer by name, from the same panel; Escape closes search.
    await panel.getByRole("searchbox").fill(customer.name.split(" ")[0]!.toLowerCase());
    await expect(panel.getByRole("heading", { name: "Customers" })).toBeVisible();
    await expect(panel.getByRole("link", { name: new RegExp(customer.name) }).first()).toBeVisible();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/search-panel.png" });
    await panel.getByRole("searchbox").press("Escape");
    await expect(panel).toBeHidden();
  });
});
