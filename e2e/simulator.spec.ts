import { test, expect, signIn, solidPng, USERS } from "./fixtures";

// The customer simulator (demo mode): a customer writes from the phone page, which reaches the app
// only through the fake Graph API's signed webhook; the agent answers from the inbox.
test.describe("the customer simulator", () => {
  test("a customer writes from the simulator, an agent replies, and the reply is read", async ({ browser }) => {
    // Two browsers, a live list and a 1.5 s poll on the phone: more than the default 30 s budget.
    test.slow();
    const n = Math.floor(Math.random() * 1e8).toString().padStart(8, "0");
    const customer = { name: `Sim ${n.slice(0, 4)} Moretti`, phone: `3935${n}` };
    const question = `Posso portare la bici in aereo? (${n})`;
    const answer = `Sì, come bagaglio speciale. (${n})`;

    // The customer: no sign-in, a browser of their own.
    const phoneContext = await browser.newContext();
    const phone = await phoneContext.newPage();
    await phone.goto("/simulator");
    await expect(phone.getByRole("heading", { name: "Customer simulator" })).toBeVisible();
    await phone.getByLabel("Name", { exact: true }).fill(customer.name);
    await phone.getByLabel("Phone number", { exact: true }).fill(customer.phone);
    await phone.getByRole("button", { name: "Start chat" }).click();
    await expect(phone.getByText(`Chatting as ${customer.name}`, { exact: false }).first()).toBeVisible();

    // The agent watches the whole inbox before the customer writes.
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await signIn(agent, USERS.agents.giulia);
    await agent.goto("/inbox?view=all");
    await expect(agent.getByRole("region", { name: "Conversations" })).toBeVisible();

    const chat = phone.getByRole("log", { name: /^Chat with / });
    await phone.getByRole("textbox", { name: "Message" }).fill(question);
    await phone.getByRole("button", { name: "Send" }).click();
    await expect(chat.getByText(question)).toBeVisible();
    await expect(phone.getByRole("textbox", { name: "Message" })).toHaveValue("");

    // The conversation appears live in the agent's list.
    const row = agent.getByRole("link", { name: new RegExp(customer.name) });
    await expect(row).toBeVisible({ timeout: 15_000 });
    await row.click();
    await expect(agent).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    const thread = agent.getByRole("region", { name: `Conversation with ${customer.name}` });
    const log = thread.getByRole("log", { name: "Messages" });
    await expect(log.getByText(question)).toBeVisible();

    await thread.getByRole("textbox", { name: "Reply" }).fill(answer);
    await agent.keyboard.press("Enter");
    await expect(log.getByText(answer)).toBeVisible();

    // The phone polls its inbox: the reply arrives, and showing it marks it read.
    await expect(chat.getByText(answer)).toBeVisible({ timeout: 15_000 });

    const reply = log.getByRole("listitem").filter({ hasText: answer });
    await expect(reply.getByRole("img", { name: /Read/ })).toBeVisible({ timeout: 15_000 });

    // A photo from the customer's phone: the app hears only a media id, downloads the bytes from
    // the (fake) Graph API, and shows them to the agent from its own storage.
    await phone.getByRole("textbox", { name: "Message" }).fill("La mia carta d'imbarco");
    await phone.locator('input[type="file"]').setInputFiles({ name: "boarding.png", mimeType: "image/png", buffer: solidPng(48, 32, [0, 128, 96]) });
    const sentPhoto = chat.getByText("La mia carta d'imbarco");
    await expect(sentPhoto).toBeVisible();
    await expect(chat.getByText("Photo", { exact: true })).toBeVisible();
    const photo = log.getByRole("img", { name: "Photo: La mia carta d'imbarco" });
    await expect(photo).toBeVisible({ timeout: 15_000 });
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth), { timeout: 15_000 }).toBe(48);

    await phoneContext.close();
    await agentContext.close();
  });
});
