import { test, expect, signIn, USERS } from "./fixtures";

// The 2026 Cloud API through the customer simulator (demo mode): a customer who writes with a
// username only (Meta withholds the phone and names them by a business-scoped user id), then edits
// and deletes the message from their phone (coexistence `edit` / `revoke` webhooks). The agent
// watches it all live, without reloading.
//
// What the product must show (assumed texts; the phone side is this repo's simulator):
// - the list row is a link named with the customer's profile name;
// - the open thread is a region named "Conversation with …" holding a log named "Messages" whose
//   messages are list items;
// - somewhere on the agent's page: the username and the words "phone hidden" (any case);
// - an edited message shows its new text and the word "edited"; the old text is gone;
// - a deleted message shows the word "deleted"; its text is gone.
const REPLY_BOX = "Reply";

test.describe("WhatsApp 2026: username-only customers, edits and deletes", () => {
  test("a username-only customer writes, edits and deletes; the agent sees each change live", async ({ browser }) => {
    // Two browsers, a live list and the phone's own round trips: more than the default 30 s budget.
    test.slow();
    const n = Math.floor(Math.random() * 1e8).toString().padStart(8, "0");
    const customer = { name: `Uname ${n.slice(0, 4)} Conti`, username: `marta_${n}` };
    const original = `Bagaglio perso a Lisbona (${n})`;
    const edited = `Valigia smarrita a Lisbona, volo AZ 1234 (${n})`;

    // The customer: no sign-in, a browser of their own, a username instead of a phone number.
    const phoneContext = await browser.newContext();
    const phone = await phoneContext.newPage();
    await phone.goto("/simulator");
    await expect(phone.getByRole("heading", { name: "Customer simulator" })).toBeVisible();
    await phone.getByLabel("Name", { exact: true }).fill(customer.name);
    await phone.getByRole("checkbox", { name: /Username only \(phone hidden\)/ }).check();
    await expect(phone.getByLabel("Phone number", { exact: true })).toHaveCount(0);
    await phone.getByLabel("Username", { exact: true }).fill(customer.username);
    await phone.getByRole("button", { name: "Start chat" }).click();
    await expect(phone.getByText(`@${customer.username} · phone hidden`).first()).toBeVisible();

    // The agent watches the whole inbox before the customer writes.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await signIn(agent, USERS.agents.giulia);
    await agent.goto("/inbox?view=all");
    await expect(agent.getByRole("region", { name: "Conversations" })).toBeVisible();

    const chat = phone.getByRole("log", { name: /^Chat with / });
    await phone.getByRole("textbox", { name: "Message" }).fill(original);
    await phone.getByRole("button", { name: "Send" }).click();
    const mine = chat.getByRole("group", { name: "Your message" }).filter({ hasText: original });
    await expect(mine).toBeVisible();
    // The fake took it and the app's webhook answered 2xx: the bubble can now be edited.
    await expect(mine.getByRole("button", { name: "Edit" })).toBeVisible({ timeout: 10_000 });

    // [product] The conversation appears live, known by the username, the phone marked hidden.
    const row = agent.getByRole("link", { name: new RegExp(customer.name) });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.click();
    await expect(agent).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    const thread = agent.getByRole("region", { name: /^Conversation with / });
    const log = thread.getByRole("log", { name: "Messages" });
    await expect(log.getByText(original)).toBeVisible();
    await expect(agent.getByText(new RegExp(customer.username)).first()).toBeVisible();
    await expect(agent.getByText(/phone hidden/i).first()).toBeVisible();
    const url = agent.url();

    // [product] The agent starts typing: the customer's WhatsApp shows "typing…" (the typing indicator).
    await thread.getByRole("textbox", { name: REPLY_BOX }).pressSequentially("Un attimo, controllo");
    await expect(phone.getByText("typing…")).toBeVisible({ timeout: 15_000 });

    // The customer edits the message: the phone shows the new text, marked edited.
    await mine.getByRole("button", { name: "Edit" }).click();
    const composer = phone.getByRole("textbox", { name: "Message" });
    await expect(composer).toHaveValue(original);
    await composer.fill(edited);
    await phone.getByRole("button", { name: "Save edit" }).click();
    const mineEdited = chat.getByRole("group", { name: "Your message" }).filter({ hasText: edited });
    await expect(mineEdited).toBeVisible({ timeout: 10_000 });
    await expect(mineEdited.getByText("Edited", { exact: true })).toBeVisible();
    await expect(chat.getByText(original, { exact: true })).toHaveCount(0);

    // [product] The agent's thread shows the new text marked edited, in place of the old one.
    const editedItem = log.getByRole("listitem").filter({ hasText: edited });
    await expect(editedItem).toBeVisible({ timeout: 15_000 });
    await expect(editedItem.getByText(/edited/i).first()).toBeVisible();
    await expect(log.getByText(original, { exact: true })).toHaveCount(0);

    // The customer deletes it: the phone shows "You deleted this message".
    await mineEdited.getByRole("button", { name: "Delete" }).click();
    await expect(chat.getByText("You deleted this message")).toBeVisible({ timeout: 10_000 });
    await expect(chat.getByText(edited)).toHaveCount(0);

    // [product] The agent sees the message marked deleted; its text is gone.
    await expect(log.getByText(/deleted/i).first()).toBeVisible({ timeout: 15_000 });
    await expect(log.getByText(edited)).toHaveCount(0);
    // It was the newest message: the list's preview says so too.
    await expect(row).toContainText("Message deleted", { timeout: 15_000 });

    // All of it arrived live: the agent never left or reloaded the page.
    expect(agent.url()).toBe(url);

    await phoneContext.close();
    await agentContext.close();
  });
});
