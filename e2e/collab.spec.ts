import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { test, expect, USERS, customerWrites, newCustomer, signIn, signedInApi } from "./fixtures";

// Two agents in one thread: they see each other viewing and typing, the second reply is stopped
// with what changed (and sent anyway), a note's @mention reaches the other's bell and tab title
// live, and with "only the assignee replies" on, a teammate gets a notice instead of a reply box.
// COLLAB_SCREENSHOTS=/tmp/collab saves desktop (1440×900) and phone (390×844) screenshots.

const SHOTS = process.env.COLLAB_SCREENSHOTS;
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function shoot(page: Page, name: string) {
  if (!SHOTS) return;
  await page.screenshot({ path: `${SHOTS}-${name}-desktop.png` });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${SHOTS}-${name}-phone.png` });
  await page.setViewportSize(DESKTOP);
  await page.waitForTimeout(200);
}

/** The unread count on the bell (0 when there is no badge). */
async function bellCount(page: Page): Promise<number> {
  const badge = page.getByTestId("notification-count");
  return (await badge.count()) ? Number(await badge.textContent()) : 0;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

async function seriousViolations(page: Page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[] }> } }).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

test.describe("working a conversation together", () => {
  test.setTimeout(120_000);

  test("presence, the send-time guard, a note's mention in the bell and title, and only the assignee replying", async ({ browser, request, baseURL }) => {
    const customer = newCustomer("Collab");
    await customerWrites(request, customer, "Can I change my flight to Friday?");

    const a = await browser.newContext({ viewport: DESKTOP });
    const b = await browser.newContext({ viewport: DESKTOP });
    const giulia = await a.newPage();
    const luca = await b.newPage();
    await signIn(giulia, USERS.agents.giulia);
    await signIn(luca, USERS.agents.luca);
    const lead = await signedInApi(baseURL!, USERS.leads.marco);

    try {
      // Both open the same thread.
      await giulia.goto("/inbox?view=unassigned");
      await giulia.getByRole("region", { name: "Conversations" }).getByRole("link", { name: new RegExp(customer.name) }).click();
      await expect(giulia).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
      const threadPath = new URL(giulia.url()).pathname;
      await luca.goto(threadPath);
      await expect(luca.getByRole("log", { name: "Messages" }).getByText("change my flight")).toBeVisible();
      const lucaBefore = await bellCount(luca);

      // Each sees the other viewing, live.
      await expect(giulia.getByTestId("thread-presence")).toContainText("Luca is viewing");
      await expect(luca.getByTestId("thread-presence")).toContainText("Giulia is viewing");

      // Luca starts a reply: Giulia sees him typing.
      const lucaBox = luca.getByRole("textbox", { name: "Reply" });
      await lucaBox.fill("Of course, which time on Friday?");
      await expect(giulia.getByTestId("thread-presence")).toContainText("Luca is typing…");
      await shoot(giulia, "presence");

      // Giulia answers first; Luca's send is stopped with what changed.
      await giulia.getByRole("textbox", { name: "Reply" }).fill("Yes! There is a seat on AZ 204 at 9:40, shall I book it?");
      await giulia.keyboard.press("Enter");
      await expect(luca.getByRole("log", { name: "Messages" }).getByText("AZ 204 at 9:40")).toBeVisible();
      await lucaBox.press("Enter");
      const changed = luca.getByTestId("changed-since");
      await expect(changed).toBeVisible();
      await expect(changed).toContainText("Giulia Romano wrote in this conversation while you were writing");
      await expect(changed).toContainText("AZ 204 at 9:40");
      await expect(lucaBox).toHaveValue("Of course, which time on Friday?");
      await shoot(luca, "guard");

      // "Send anyway" sends the kept draft.
      await changed.getByRole("button", { name: "Send anyway" }).click();
      await expect(changed).toHaveCount(0);
      await expect(giulia.getByRole("log", { name: "Messages" }).getByText("which time on Friday?")).toBeVisible();
      await expect(lucaBox).toHaveValue("");

      // Giulia writes a note mentioning Luca, picked with the keyboard.
      await giulia.getByRole("button", { name: "Note", exact: true }).click();
      const note = giulia.getByRole("textbox", { name: "Note" });
      await expect(giulia.getByText("Only your team sees this")).toBeVisible();
      await note.pressSequentially("@Lu");
      const picker = giulia.getByRole("listbox", { name: "Teammates to mention" });
      await expect(picker.getByRole("option", { name: /Luca Bianchi/ })).toHaveAttribute("aria-selected", "true");
      await note.press("Enter");
      await expect(picker).toHaveCount(0);
      await note.pressSequentially("can you check the fare difference?");
      await expect(note).toHaveValue("@Luca Bianchi can you check the fare difference?");
      await note.press("Enter");

      // The note shows in both threads as a note; Luca's bell and tab title count it, live.
      const lucaNote = luca.locator("[data-note]").filter({ hasText: "can you check the fare difference?" });
      await expect(lucaNote).toBeVisible();
      await expect(lucaNote).toContainText("Note");
      await expect(lucaNote.locator("mark")).toHaveText("@Luca Bianchi");
      await expect(giulia.locator("[data-note]").filter({ hasText: "fare difference" })).toBeVisible();
      await expect(luca.getByTestId("notification-count")).toHaveText(String(lucaBefore + 1));
      await expect(luca).toHaveTitle(new RegExp(`^\\(${lucaBefore + 1}\\) `));
      await shoot(giulia, "note");

      // The bell's list: the mention, said plainly; no serious accessibility problem with it open.
      await luca.getByRole("button", { name: /^Notifications/ }).click();
      const panel = luca.getByRole("dialog", { name: "Notifications" });
      const mention = panel.getByRole("button", { name: new RegExp(`Giulia Romano mentioned you on ${customer.name}`) });
      await expect(mention).toBeVisible();
      await shoot(luca, "notifications");
      expect(await seriousViolations(luca)).toEqual([]);

      // Opening it marks it read and leads to the note.
      await mention.click();
      await expect(luca).toHaveURL(new RegExp(`${threadPath}\\?message=[0-9a-f-]{36}`));
      await expect.poll(() => bellCount(luca)).toBe(lucaBefore);

      // Only the assignee replies: the conversation is Giulia's (her reply claimed it).
      const on = await lead.patch("/api/workspace", { data: { onlyAssigneeReplies: true } });
      expect(on.status()).toBe(200);
      await luca.getByRole("button", { name: "Reply", exact: true }).click();
      const notice = luca.getByTestId("assignee-only");
      await expect(notice).toContainText("Giulia Romano is handling this conversation");
      await expect(notice.getByRole("button", { name: "Ask a lead" })).toBeVisible();
      await expect(luca.getByRole("textbox", { name: "Reply" })).toHaveCount(0);
      await shoot(luca, "assignee-only");
      // The server says the same to a send that skips the UI.
      const refused = await luca.evaluate(async (path) => {
        const res = await fetch(`/api${path.replace("/inbox", "/conversations")}/messages`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: "Let me answer" }) });
        return { status: res.status, body: await res.json() };
      }, threadPath);
      expect(refused.status).toBe(403);
      expect(refused.body.error.reason).toBe("conversation.not_assignee");
      // "Ask a lead" opens a note with the teammate picker.
      await notice.getByRole("button", { name: "Ask a lead" }).click();
      await expect(luca.getByRole("listbox", { name: "Teammates to mention" })).toBeVisible();
      // Giulia, the assignee, still replies.
      await expect(giulia.getByRole("button", { name: "Reply", exact: true })).toBeVisible();
      await giulia.getByRole("button", { name: "Reply", exact: true }).click();
      await expect(giulia.getByRole("textbox", { name: "Reply" })).toBeVisible();
    } finally {
      await lead.patch("/api/workspace", { data: { onlyAssigneeReplies: false } });
      await lead.dispose();
      await a.close();
      await b.close();
    }
  });
});
