import type { APIRequestContext } from "@playwright/test";
import { test, expect, USERS, customerWrites, newCustomer, signIn, signedInApi } from "./fixtures";

/** The conversation of a customer who just wrote, as the lead's API lists it. */
async function conversationOf(lead: APIRequestContext, name: string): Promise<{ id: string; contactId: string }> {
  let found: { id: string; contact: { id: string; name: string } } | undefined;
  await expect(async () => {
    const items = (await (await lead.get("/api/conversations?view=all&limit=50")).json()).items as { id: string; contact: { id: string; name: string } }[];
    found = items.find((c) => c.contact.name === name);
    expect(found).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return { id: found!.id, contactId: found!.contact.id };
}

// Templates end to end: an agent sends a booking confirmation in Italian, filled from the booking,
// with two clicks; a lead creates a template that the fake (as Meta) reviews and approves.
test.describe("templates", () => {
  test("an agent sends an Italian booking confirmation for the selected booking with two clicks", async ({ page, request, baseURL }) => {
    test.slow();
    const customer = newCustomer("Tpl");
    await customerWrites(request, customer, "Buongiorno, mi confermate la prenotazione?");
    // The airline's systems hold the booking (a lead's API call stands in for them); the live
    // arrival of a booking in an open thread is bookings.spec.ts's to prove.
    const lead = await signedInApi(baseURL!, USERS.leads.marco);
    const { contactId } = await conversationOf(lead, customer.name);
    const pnr = `T${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const created = await lead.post("/api/bookings", {
      data: {
        contactId,
        pnr,
        status: "ticketed",
        passengers: [{ surname: "ROSSI", givenName: "MARTA", type: "ADT" }],
        legs: [{ operatingCarrier: "AZ", flightNumber: "1284", from: "FCO", to: "LIN", departureAt: "2026-12-18T07:40:00+01:00", arrivalAt: "2026-12-18T08:50:00+01:00" }],
        totalAmount: 8900,
        currency: "EUR",
      },
    });
    expect(created.status()).toBe(201);
    await lead.dispose();

    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    // Click 1: the suggestion for the selected booking, in the customer's language.
    const suggestion = thread.getByRole("button", { name: "Booking confirmation · IT" });
    await expect(suggestion).toBeVisible({ timeout: 15_000 });
    await suggestion.click();
    const form = thread.getByRole("form", { name: "Send a template" });
    await expect(form.getByLabel("Booking code (PNR)", { exact: true })).toHaveValue(pnr);
    await expect(form.getByLabel("Flight", { exact: true })).toHaveValue("AZ 1284");
    await expect(form.getByRole("figure")).toContainText("Roma (FCO) → Milano (LIN)");
    await expect(form.getByRole("figure")).toContainText("ven 18 dic 2026 alle 07:40");
    await page.screenshot({ path: "test-results/template-booking-confirmation.png" });
    // Click 2: Send.
    await form.getByRole("button", { name: "Send template" }).click();

    const log = thread.getByRole("log", { name: "Messages" });
    const sent = log.getByRole("listitem").filter({ hasText: `La tua prenotazione ${pnr} è confermata` });
    await expect(sent).toBeVisible();
    await expect(sent.getByText("La tua prenotazione è confermata", { exact: true })).toBeVisible();
    await expect(sent.getByRole("img", { name: /Delivered|Read/ })).toBeVisible({ timeout: 15_000 });
  });

  test("an agent sends an English boarding pass (the booking's PDF in the document header) with two clicks", async ({ page, request, baseURL }) => {
    test.slow();
    const n = Math.floor(Math.random() * 1e7).toString().padStart(7, "0");
    const customer = { waId: `44770${n}`, name: `Pass ${n.slice(0, 4)} Smith` };
    await customerWrites(request, customer, "Hi, could you send me my boarding pass?");
    const lead = await signedInApi(baseURL!, USERS.leads.marco);
    const { contactId } = await conversationOf(lead, customer.name);
    const pnr = `P${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const created = await lead.post("/api/bookings", {
      data: {
        contactId,
        pnr,
        status: "checked_in",
        passengers: [{ surname: "SMITH", givenName: "JANE", type: "ADT" }],
        legs: [
          {
            operatingCarrier: "AZ", flightNumber: "204", from: "LHR", to: "FCO",
            departureAt: "2026-12-19T10:15:00+00:00", arrivalAt: "2026-12-19T13:40:00+01:00", boardingAt: "2026-12-19T09:35:00+00:00",
            gate: "A12", terminal: "2", checkins: [{ passenger: 0, seat: "14C", sequence: 42, boardingZone: "2" }],
          },
        ],
      },
    });
    expect(created.status()).toBe(201);
    await lead.dispose();

    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const suggestion = thread.getByRole("button", { name: "Boarding pass · EN" });
    await expect(suggestion).toBeVisible({ timeout: 15_000 });
    await suggestion.click();
    const form = thread.getByRole("form", { name: "Send a template" });
    await expect(form.getByRole("checkbox", { name: `Attach the boarding pass from booking ${pnr}` })).toBeChecked();
    await expect(form.getByRole("figure")).toContainText("Seat 14C · Gate A12 · Boarding 09:35 AM");
    await form.getByRole("button", { name: "Send template" }).click();

    const log = thread.getByRole("log", { name: "Messages" });
    const sent = log.getByRole("listitem").filter({ hasText: "your boarding pass for flight AZ 204" });
    await expect(sent).toBeVisible();
    await expect(sent).toContainText(`boarding-pass-${pnr}-AZ204-SMITH.pdf`);
    await expect(sent.getByRole("img", { name: /Delivered|Read/ })).toBeVisible({ timeout: 15_000 });
  });

  test("the composer's picker: / opens it, a snippet fills the reply box, arrows and Enter choose a template, Send waits for every field", async ({ page, request }) => {
    const customer = newCustomer("Pick");
    await customerWrites(request, customer, "Hello, a question about my flight");
    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const reply = thread.getByRole("textbox", { name: "Reply" });
    await reply.press("/");
    const search = thread.getByRole("combobox", { name: "Search templates" });
    await expect(search).toBeFocused();
    // A snippet first: its words land in the reply box, to read over and send.
    await search.fill("ciao");
    await expect(thread.getByRole("listbox").getByRole("option").first()).toContainText("/ciao");
    await search.press("Enter");
    await expect(reply).toBeFocused();
    await expect(reply).toHaveValue(/^Buongiorno, sono dell'assistenza clienti Volo Azzurro/);
    await reply.fill("");
    // Then a template, by keyboard.
    await reply.press("/");
    await search.fill("checkin details");
    await expect(thread.getByRole("listbox").getByRole("option").first()).toBeVisible();
    await search.press("ArrowDown");
    await search.press("ArrowUp");
    await search.press("Enter");
    const form = thread.getByRole("form", { name: "Send a template" });
    const send = form.getByRole("button", { name: "Send template" });
    await expect(send).toBeDisabled();
    await expect(form.getByText(/Fill in \d+ fields to send: .*Flight/)).toBeVisible();
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(thread.getByRole("textbox", { name: "Reply" })).toBeFocused();
  });

  test("a lead creates a template; it shows In review, then Approved when the fake's review webhook lands", async ({ page }) => {
    test.slow();
    await signIn(page, USERS.leads.marco);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" }).click();
    await expect(page.getByRole("heading", { name: "Message templates" })).toBeVisible();
    await page.getByRole("button", { name: "New template" }).click();
    const editor = page.getByRole("form", { name: "New template" });
    const name = `e2e_welcome_${Date.now().toString(36)}`;
    await editor.getByLabel("Name (lowercase letters, digits and underscores)").fill(name);
    await editor.getByLabel("Language").selectOption("it");
    // A rule broken is said on its field before anything is submitted.
    await editor.getByLabel("Body", { exact: true }).fill("{{first_name}}, benvenuto a bordo!");
    await editor.getByRole("button", { name: "Submit for review" }).click();
    await expect(editor.getByText("The body cannot start or end with a parameter.")).toBeVisible();
    await editor.getByLabel("Body", { exact: true }).fill("Ciao {{first_name}}, *benvenuto* a bordo!");
    await editor.getByLabel("{{first_name}}", { exact: true }).fill("Giulia");
    await expect(editor.getByRole("complementary", { name: "Preview" })).toContainText("Ciao Giulia, benvenuto a bordo!");
    await page.screenshot({ path: "test-results/template-editor.png" });
    await editor.getByRole("button", { name: "Submit for review" }).click();

    const row = page.getByRole("row").filter({ hasText: name.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase()) });
    await expect(row).toBeVisible();
    await expect(row.getByText("Approved")).toBeVisible({ timeout: 20_000 });
    // Meta's decision is kept in the template's history.
    await row.getByRole("button").first().click();
    const history = page.getByRole("form", { name: "Edit template" }).getByRole("region", { name: "What Meta said" });
    await expect(history).toContainText("Review: Approved.");
  });

  test("agents have no template manager", async ({ page }) => {
    await signIn(page, USERS.agents.giulia);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" })).toHaveCount(0);
    await page.goto("/templates");
    await expect(page.getByRole("heading", { name: "Templates are managed by team leads" })).toBeVisible();
  });
});
