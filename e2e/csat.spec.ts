import type { Browser, Page } from "@playwright/test";
import { test, expect, USERS, signIn, signedInApi } from "./fixtures";

// Issue 13 end to end, from both sides of the chat: with "Ask customers to rate the conversation"
// on, an agent resolves a simulator customer's conversation; the phone shows the rating request
// with three quick replies; the customer taps "Good"; the agent's open thread shows the rating
// live, without a reload, and the conversation stays resolved.

async function openPhone(browser: Browser, name: string, phone: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/simulator");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Phone number", { exact: true }).fill(phone);
  await page.getByRole("button", { name: "Start chat" }).click();
  await expect(page.getByText(`Chatting as ${name}`, { exact: false }).first()).toBeVisible();
  return page;
}

test("resolving asks the customer for a rating on their phone; their tap shows in the agent's thread live", async ({ browser, page, baseURL }) => {
  test.setTimeout(150_000);
  const n = Math.floor(Math.random() * 1e7).toString().padStart(7, "0");
  const marta = { name: `Marta ${n.slice(0, 4)} Rossi`, phone: `44771${n}` };

  // A lead finds the setting on (the demo's) and can switch it: off, then on again.
  await signIn(page, USERS.leads.marco);
  await page.goto("/settings");
  const setting = page.getByRole("checkbox", { name: "Ask customers to rate the conversation when it is resolved" });
  await expect(setting).toBeChecked();
  await setting.uncheck();
  await expect(setting).not.toBeChecked();
  await expect(setting).toBeEnabled();
  await setting.check();
  await expect(setting).toBeChecked();
  await expect(setting).toBeEnabled();
  const lead = await signedInApi(baseURL!, USERS.leads.marco);
  expect((await (await lead.get("/api/me")).json()).workspace.csatEnabled).toBe(true);

  // The customer writes from the simulator.
  const phone = await openPhone(browser, marta.name, marta.phone);
  await phone.getByRole("textbox", { name: "Message" }).fill("Thanks, that's all sorted!");
  await phone.getByRole("button", { name: "Send" }).click();
  const chat = phone.getByRole("log", { name: /^Chat with / });
  await expect(chat.getByText("Thanks, that's all sorted!")).toBeVisible();

  let conversationId = "";
  await expect
    .poll(async () => {
      const items = (await (await lead.get("/api/conversations?view=all&limit=40")).json()).items as { id: string; contact: { name: string } }[];
      conversationId = items.find((c) => c.contact.name === marta.name)?.id ?? "";
      return conversationId;
    }, { timeout: 20_000 })
    .not.toBe("");
  await lead.dispose();

  // The agent resolves it from the thread.
  await page.context().clearCookies();
  await signIn(page, USERS.agents.giulia);
  await page.goto(`/inbox/${conversationId}`);
  const thread = page.getByRole("region", { name: `Conversation with ${marta.name}` });
  await expect(thread.getByText("Thanks, that's all sorted!")).toBeVisible({ timeout: 15_000 });
  await thread.getByRole("button", { name: "Resolve", exact: true }).click();
  const log = thread.getByRole("log", { name: "Messages" });
  await expect(log.getByText("Rating request sent")).toBeVisible({ timeout: 15_000 });
  await expect(thread.getByText("Rating requested")).toBeVisible();

  // The phone shows the request with its three quick replies.
  const firstName = marta.name.split(" ")[0];
  await expect(chat.getByText(`How did we do, ${firstName}? Tap to rate your conversation with Volo Azzurro.`)).toBeVisible({ timeout: 20_000 });
  for (const label of ["Good", "Okay", "Poor"]) await expect(chat.getByRole("button", { name: label, exact: true })).toBeVisible();
  await phone.screenshot({ path: "/tmp/csat-phone.png" });

  // The customer taps "Good": the open thread shows the rating, live.
  await chat.getByRole("button", { name: "Good", exact: true }).click();
  await expect(thread.getByText("Rated Good · 5/5")).toBeVisible({ timeout: 20_000 });
  await expect(log.getByText(`${marta.name} rated the conversation: Good (5/5)`)).toBeVisible();
  await expect(thread.getByRole("button", { name: "Resolve", exact: true })).toBeHidden();
  await page.screenshot({ path: "/tmp/csat-thread.png" });

  // Stored on that conversation, which stays resolved with nothing unread.
  const api = await signedInApi(baseURL!, USERS.agents.giulia);
  const detail = await (await api.get(`/api/conversations/${conversationId}`)).json();
  expect(detail).toMatchObject({ status: "resolved", unreadCount: 0, csat: { rating: 5 } });
  await api.dispose();
  await phone.screenshot({ path: "/tmp/csat-phone-tapped.png" });
  await phone.context().close();
});
