import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

// WhatsApp's 24-hour customer service window, on both sides: the composer offers only templates
// once it has closed, and the server refuses free text with 409 whatever the client does.
test.describe("the 24-hour reply window", () => {
  test("after 24 hours the composer offers templates only; a filled-in template is sent and delivered", async ({ page, request }) => {
    test.slow();
    const customer = newCustomer("Window");
    await customerWrites(request, customer, "Il mio volo è stato spostato?", { at: new Date(Date.now() - 26 * 60 * 60_000) });
    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(page).toHaveURL(/\/inbox\/([0-9a-f-]{36})/);
    const conversationId = /\/inbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });

    // No free-text box to type into a dead end: the window is explained and templates offered.
    await expect(thread.getByText("The 24-hour reply window has closed.", { exact: false })).toBeVisible();
    await expect(thread.getByRole("textbox", { name: "Reply" })).toHaveCount(0);

    // The server holds the same line for any client.
    const refused = await page.request.post(`/api/conversations/${conversationId}/messages`, { data: { text: "Ci siamo?" } });
    expect(refused.status()).toBe(409);
    expect((await refused.json()).error.message).toMatch(/24 hours/);

    // The picker is offered at once: choose the Italian booking confirmation.
    const search = thread.getByRole("combobox", { name: "Search templates" });
    await search.fill("booking confirmation");
    await thread.getByRole("option", { name: /Booking confirmation it/ }).click();
    const form = thread.getByRole("form", { name: "Send a template" });
    const send = form.getByRole("button", { name: "Send template" });
    await expect(send).toBeDisabled(); // no booking: the agent types what the contact cannot tell
    await form.getByLabel("Booking code (PNR)", { exact: true }).fill("QX7P2L");
    await form.getByLabel("Flight", { exact: true }).fill("AZ 1284");
    await form.getByLabel("From", { exact: true }).fill("Roma (FCO)");
    await form.getByLabel("To", { exact: true }).fill("Milano (LIN)");
    await form.getByLabel("Departure date", { exact: true }).fill("venerdì 28 novembre");
    await expect(send).toBeDisabled(); // every field first
    await form.getByLabel("Departure time", { exact: true }).fill("07:40");
    await expect(form.getByRole("figure")).toContainText("La tua prenotazione QX7P2L è confermata");
    await page.screenshot({ path: "test-results/template-composer.png" });
    await send.click();

    const log = thread.getByRole("log", { name: "Messages" });
    const sent = log.getByRole("listitem").filter({ hasText: "La tua prenotazione QX7P2L è confermata" });
    await expect(sent).toBeVisible();
    await expect(sent.getByRole("img", { name: /Delivered|Read/ })).toBeVisible({ timeout: 15_000 });
    // Still closed (a template does not reopen the window): the composer is ready for another.
    await expect(thread.getByRole("combobox", { name: "Search templates" })).toBeVisible();
  });
});
