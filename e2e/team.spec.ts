import { createRequire } from "node:module";
import type { APIRequestContext, Page } from "@playwright/test";
import { customerWrites, DEMO_PASSWORD, expect, newCustomer, signedInApi, signIn, test, USERS, type Customer } from "./fixtures";

// The lead's board (/team), availability, and bulk changes in the inbox. The e2e server seeds its
// teams without auto-assignment (scripts/e2e-server.sh); what this spec switches on, it switches off.

type Teammate = { id: string; name: string; email: string };
type Item = { id: string; contact: { name: string }; assignee: { id: string } | null };

const require = createRequire(import.meta.url);

async function people(api: APIRequestContext): Promise<Record<string, Teammate>> {
  const items = (await (await api.get("/api/teammates")).json()).items as Teammate[];
  return Object.fromEntries(items.map((u) => [u.email.split("@")[0], u]));
}

/** A new customer's conversation (through the signed webhook), found by the lead. */
async function conversationOf(request: APIRequestContext, lead: APIRequestContext, customer: Customer, text: string): Promise<Item> {
  await customerWrites(request, customer, text);
  let found: Item | undefined;
  await expect(async () => {
    const list = (await (await lead.get("/api/conversations?view=all&limit=50")).json()).items as Item[];
    found = list.find((c) => c.contact.name === customer.name);
    expect(found).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return found!;
}

const setAvailability = async (api: APIRequestContext, availability: string) =>
  expect((await api.put("/api/me/availability", { data: { availability } })).status()).toBe(200);

const agentRow = (page: Page, userId: string) => page.locator(`[data-team-agent="${userId}"]`);

// Several browsers and sign-ins per test on a shared, busy machine: more than the default 30 s.
test.describe.configure({ timeout: 120_000 });

test.describe("the lead's board", () => {
  test("shows availability, switches auto-assign, and moves a conversation between agents live (drag and menu)", async ({ browser, request, baseURL }) => {
    const lead = await signedInApi(baseURL!, USERS.leads.marco, DEMO_PASSWORD);
    const giuliaApi = await signedInApi(baseURL!, USERS.agents.giulia, DEMO_PASSWORD);
    const lucaApi = await signedInApi(baseURL!, USERS.agents.luca, DEMO_PASSWORD);
    await setAvailability(giuliaApi, "online");
    await setAvailability(lucaApi, "online");
    const who = await people(lead);
    const customer = newCustomer("Board");
    const conv = await conversationOf(request, lead, customer, "Posso cambiare il posto sul volo di domani?");
    expect((await lead.patch(`/api/conversations/${conv.id}`, { data: { assigneeId: who.giulia!.id } })).status()).toBe(200);

    // Tall enough that the drag's source (Giulia's open list) and target (Luca's row) are both on screen.
    const a = await browser.newContext({ viewport: { width: 1280, height: 2400 } });
    const b = await browser.newContext();
    const marco = await a.newPage();
    const admin = await b.newPage();
    await signIn(marco, USERS.leads.marco);
    await signIn(admin, USERS.admin);
    await marco.goto("/team");
    await admin.goto("/team");
    await expect(marco.getByRole("heading", { name: "Team", level: 1 })).toBeVisible();
    await expect(agentRow(marco, who.giulia!.id)).toContainText("Online");

    // Auto-assign for Payments: on, and off again (the rest of the suite expects it off).
    const payments = marco.getByRole("switch", { name: "Auto-assign for Payments" });
    await expect(payments).toHaveAttribute("aria-checked", "false");
    await payments.click();
    await expect(payments).toHaveAttribute("aria-checked", "true");
    await expect(admin.getByRole("switch", { name: "Auto-assign for Payments" })).toHaveAttribute("aria-checked", "true");
    await payments.click();
    await expect(payments).toHaveAttribute("aria-checked", "false");

    // Drag Giulia's conversation onto Luca: the admin's board shows it under Luca at once.
    await marco.getByRole("button", { name: "Show Giulia Romano’s conversations" }).click();
    await admin.getByRole("button", { name: "Show Luca Bianchi’s conversations" }).click();
    const card = agentRow(marco, who.giulia!.id).locator(`[data-team-card="${conv.id}"]`);
    await card.dragTo(agentRow(marco, who.luca!.id));
    await expect(agentRow(admin, who.luca!.id).locator(`[data-team-card="${conv.id}"]`)).toBeVisible();
    await expect(agentRow(marco, who.giulia!.id).locator(`[data-team-card="${conv.id}"]`)).toHaveCount(0);
    expect((await (await lead.get(`/api/conversations/${conv.id}`)).json()).assignee.id).toBe(who.luca!.id);

    // The keyboard's way: "Assign to…" on the card, back to Giulia.
    await admin.getByRole("button", { name: "Show Giulia Romano’s conversations" }).click();
    await marco.getByRole("button", { name: "Show Luca Bianchi’s conversations" }).click();
    const moved = agentRow(marco, who.luca!.id).locator(`[data-team-card="${conv.id}"]`);
    await moved.getByRole("button", { name: `Assign to… ${customer.name}` }).click();
    await marco.getByRole("menuitem", { name: /Giulia Romano/ }).click();
    await expect(agentRow(admin, who.giulia!.id).locator(`[data-team-card="${conv.id}"]`)).toBeVisible();

    // Each move is in the thread.
    const thread = (await (await lead.get(`/api/conversations/${conv.id}/messages?limit=20`)).json()).items as { kind: string; payload: { to?: string } }[];
    expect(thread.filter((m) => m.kind === "event").map((m) => m.payload.to)).toEqual(expect.arrayContaining([who.luca!.id, who.giulia!.id]));

    for (const c of [a, b]) await c.close();
    for (const c of [lead, giuliaApi, lucaApi]) await c.dispose();
  });

  test("an agent who sets themselves away is shown away on the board at once", async ({ browser, baseURL }) => {
    const lead = await signedInApi(baseURL!, USERS.leads.marco, DEMO_PASSWORD);
    const who = await people(lead);
    const a = await browser.newContext();
    const b = await browser.newContext();
    const marco = await a.newPage();
    const luca = await b.newPage();
    await signIn(marco, USERS.leads.marco);
    await signIn(luca, USERS.agents.luca);
    await marco.goto("/team");
    const row = agentRow(marco, who.luca!.id);
    await expect(row).toBeVisible();

    await luca.getByRole("button", { name: /^Account: Luca Bianchi/ }).click();
    await luca.getByRole("menuitemradio", { name: "Online" }).click();
    await expect(row).toContainText("Online");
    await luca.getByRole("button", { name: /^Account: Luca Bianchi/ }).click();
    await luca.getByRole("menuitemradio", { name: "Away" }).click();
    await expect(row).toContainText("Away");
    await expect(luca.getByRole("button", { name: /^Account: Luca Bianchi/ })).toHaveAccessibleName("Account: Luca Bianchi (Away)");

    // Agents have no board: no link, and the page sends them back to the inbox.
    await expect(luca.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Team" })).toHaveCount(0);
    await luca.goto("/team");
    await expect(luca).toHaveURL(/\/inbox/);
    await a.close();
    await b.close();
    await lead.dispose();
  });

  test("has no serious or critical accessibility violations", async ({ page }) => {
    await signIn(page, USERS.leads.elena);
    await page.goto("/team");
    await expect(page.getByRole("heading", { name: /People/ })).toBeVisible();
    await page.getByRole("button", { name: /^Show Giulia Romano/ }).click();
    await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document);
      return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
    });
    expect(violations).toEqual([]);
    await page.screenshot({ path: "/tmp/team-desktop.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/team-phone.png" });
  });
});

test.describe("bulk changes in the inbox", () => {
  test("a lead shift-clicks a range of three and assigns them all at once", async ({ page, request, baseURL }) => {
    const lead = await signedInApi(baseURL!, USERS.leads.marco, DEMO_PASSWORD);
    const who = await people(lead);
    const customers = [newCustomer("Bulk"), newCustomer("Bulk"), newCustomer("Bulk")];
    // A second apart (webhook timestamps are in seconds): the list then shows them in this order, newest on top.
    for (const [i, c] of customers.entries()) await customerWrites(request, c, `Domanda numero ${i + 1} sul mio volo`, { at: new Date(Date.now() - (2 - i) * 1000) });

    await signIn(page, USERS.leads.marco);
    await page.goto("/inbox?view=unassigned");
    const list = page.getByRole("region", { name: "Conversations" });
    for (const c of customers) await expect(list.getByRole("link", { name: new RegExp(c.name) })).toBeVisible();
    // Newest first: the last customer is the top row; tick it, then shift-click the first one's.
    await list.getByRole("checkbox", { name: `Select ${customers[2]!.name}` }).click({ force: true });
    await list.getByRole("checkbox", { name: `Select ${customers[0]!.name}` }).click({ force: true, modifiers: ["Shift"] });
    const bar = page.getByRole("region", { name: "Selected conversations" });
    await expect(bar).toContainText("3 selected");
    for (const c of customers) await expect(list.getByRole("checkbox", { name: `Select ${c.name}` })).toBeChecked();

    await bar.getByRole("button", { name: "Assign" }).click();
    await page.getByRole("menuitem", { name: /Giulia Romano/ }).click();
    await expect(bar.getByRole("status")).toContainText("3 conversations updated.");
    for (const c of customers) await expect(list.getByRole("link", { name: new RegExp(c.name) })).toHaveCount(0);

    const all = (await (await lead.get("/api/conversations?view=all&limit=50")).json()).items as Item[];
    for (const c of customers) expect(all.find((i) => i.contact.name === c.name)?.assignee?.id).toBe(who.giulia!.id);
    await lead.dispose();
  });
});
