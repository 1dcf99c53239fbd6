import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

// Quoting a customer's message in a reply (WhatsApp's context.message_id).
// QUOTE_UI_SCREENSHOT=/path.png also saves a picture of the composer in its quote state.
test.describe("replying to a message with a quote", () => {
  test("an agent quotes a customer's message; the quote is sent, stored and shown", async ({ page, request }) => {
    const customer = newCustomer("Quote");
    const greeting = "Buonasera!";
    const question = "Il volo AZ 2040 di domani è stato cancellato: posso avere un rimborso?";
    const answer = "Sì, il rimborso è completo: glielo avvio subito.";
    await customerWrites(request, customer, greeting);
    await customerWrites(request, customer, question);

    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    const conversationId = page.url().match(/\/inbox\/([0-9a-f-]{36})/)![1];

    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const log = thread.getByRole("log", { name: "Messages" });
    const box = thread.getByRole("textbox", { name: "Reply" });
    const asked = log.getByRole("listitem").filter({ hasText: question });
    const replyToAsked = asked.getByRole("button", { name: "Reply to this message" });
    const bar = thread.getByRole("group", { name: `Replying to ${customer.name}` });
    await expect(asked).toBeVisible();

    // The action stays out of the way until the message is hovered.
    await expect(replyToAsked).toHaveCSS("opacity", "0");
    await asked.hover();
    await expect(replyToAsked).toHaveCSS("opacity", "1");
    if (process.env.QUOTE_UI_SCREENSHOT) await page.screenshot({ path: process.env.QUOTE_UI_SCREENSHOT.replace(/\.png$/, "-hover.png") });
    await replyToAsked.click();
    await expect(bar).toBeVisible();
    await expect(bar).toContainText(question);
    await expect(box).toBeFocused();

    // Esc drops the quote and leaves the agent typing.
    await box.press("Escape");
    await expect(bar).toHaveCount(0);
    await expect(box).toBeFocused();

    // The keyboard reaches the action too: Tab from the log walks the messages' Reply buttons.
    // (Both messages carry the same webhook second, so either may come first.)
    await log.focus();
    await page.keyboard.press("Tab");
    await expect(log.getByRole("button", { name: "Reply to this message" }).first()).toBeFocused();
    if (!(await replyToAsked.evaluate((el) => el === document.activeElement))) await page.keyboard.press("Tab");
    await expect(replyToAsked).toBeFocused();
    await expect(replyToAsked).toHaveCSS("opacity", "1");
    await page.keyboard.press("Enter");
    await expect(bar).toContainText(question);
    await expect(box).toBeFocused();

    // The quote belongs to this conversation: another thread does not get it, and it is still here on return.
    const other = newCustomer("Elsewhere");
    await customerWrites(request, other, "Posso cambiare il posto a sedere?");
    // Moving through the list (which arrives live) keeps this tab, as an agent would.
    await page.getByRole("link", { name: new RegExp(other.name) }).click();
    await expect(page.getByRole("region", { name: `Conversation with ${other.name}` }).getByRole("log", { name: "Messages" })).toContainText("posto a sedere");
    await expect(page.getByRole("group", { name: /^Replying to / })).toHaveCount(0);
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(bar).toContainText(question);

    await box.fill(answer);
    if (process.env.QUOTE_UI_SCREENSHOT) {
      await page.mouse.move(0, 0);
      await page.screenshot({ path: process.env.QUOTE_UI_SCREENSHOT });
    }
    await box.press("Enter");
    await expect(box).toHaveValue("");
    await expect(bar).toHaveCount(0);

    const sent = log.getByRole("listitem").filter({ hasText: answer });
    const quoteBlock = sent.getByRole("button", { name: /AZ 2040/ });
    await expect(quoteBlock).toBeVisible();
    await expect(quoteBlock).toContainText(customer.name);
    if (process.env.QUOTE_UI_SCREENSHOT) await page.screenshot({ path: process.env.QUOTE_UI_SCREENSHOT.replace(/\.png$/, "-sent.png") });

    // The server stored the quote (the outbox turns it into context.message_id)…
    await expect(async () => {
      const page1 = (await (await page.request.get(`/api/conversations/${conversationId}/messages`)).json()) as {
        items: { id: string; text: string | null; replyToMessageId: string | null }[];
      };
      const quoted = page1.items.find((m) => m.text === question);
      const reply = page1.items.find((m) => m.text === answer);
      expect(quoted).toBeTruthy();
      expect(reply?.replyToMessageId).toBe(quoted!.id);
    }).toPass();

    // …so a reload still shows it, and a click on the quote goes to the quoted message.
    await page.reload();
    const reloaded = page.getByRole("log", { name: "Messages" });
    const quoteAfterReload = reloaded.getByRole("listitem").filter({ hasText: answer }).getByRole("button", { name: /AZ 2040/ });
    await expect(quoteAfterReload).toBeVisible();
    await quoteAfterReload.click();
    await expect(reloaded.getByRole("listitem").filter({ hasText: question, hasNotText: answer })).toBeFocused();
  });

  test("outside the 24-hour window the Reply action explains why it is unavailable", async ({ page, request }) => {
    // A customer whose last message is 25 hours old: the window has closed.
    const customer = newCustomer("Closed");
    await customerWrites(request, customer, "Grazie, a presto.", { at: new Date(Date.now() - 25 * 60 * 60_000) });
    await signIn(page, USERS.agents.sara);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const log = page.getByRole("log", { name: "Messages" });
    const message = log.getByRole("listitem").filter({ has: page.getByRole("button", { name: "Reply to this message" }) }).last();
    await message.hover();
    const action = message.getByRole("button", { name: "Reply to this message" });
    await expect(action).toHaveAttribute("aria-disabled", "true");
    await expect(action).toHaveAttribute("title", /24-hour reply window has closed/);
    // aria-disabled keeps it focusable (its title explains why). No free-text box to quote into:
    // the composer offers templates only.
    await action.focus();
    await expect(action).toBeFocused();
    await expect(page.getByRole("combobox", { name: "Search templates" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
  });
});
