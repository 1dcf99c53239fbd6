import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";
import { seriousAxeViolations } from "./axe";

// Snippets end to end: a lead creates one (and is told when a shortcut is taken), edits it; an agent
// inside the 24-hour window types its shortcut and gets its words in the reply box; the lead deletes it.
test.describe("snippets", () => {
  test("a lead creates, edits and deletes a snippet that an agent inserts with /shortcut", async ({ page, request, browser }) => {
    test.slow();
    const shortcut = `e2e-${Math.random().toString(36).slice(2, 8)}`;
    const body = `Thanks for waiting, ${shortcut}. Your *rebooking* is confirmed.\nSee you on board.`;

    await signIn(page, USERS.leads.marco);
    await page.goto("/templates");
    const tabs = page.getByRole("navigation", { name: "Templates and snippets" });
    await tabs.getByRole("link", { name: "Snippets" }).click();
    await expect(page).toHaveURL(/\/templates\/snippets$/);
    await expect(tabs.getByRole("link", { name: "Snippets" })).toHaveAttribute("aria-current", "page");
    // The top bar keeps Templates marked: snippets live in that area.
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Templates" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByRole("heading", { level: 1, name: "Snippets" })).toBeVisible();

    // Create: the rules first (nothing typed), then a snippet with WhatsApp formatting in the preview.
    await page.getByRole("button", { name: "New snippet" }).click();
    let editor = page.getByRole("form", { name: "New snippet" });
    await expect(editor.getByLabel("Shortcut")).toBeFocused();
    await editor.getByRole("button", { name: "Create snippet" }).click();
    await expect(editor.getByText("Give it a shortcut.")).toBeVisible();
    await expect(editor.getByLabel("Shortcut")).toHaveAttribute("aria-invalid", "true");
    await editor.getByLabel("Shortcut").fill(`/${shortcut.toUpperCase()}`);
    await expect(editor.getByLabel("Shortcut")).toHaveValue(shortcut);
    await editor.getByLabel("Title").fill("Rebooking confirmed");
    await editor.getByLabel("Language").selectOption({ label: "English" });
    await editor.getByLabel("Reply", { exact: true }).fill(body);
    await expect(editor.getByText(`${body.length} / 4,096`)).toBeVisible();
    await expect(editor.getByRole("complementary", { name: "Preview" }).locator("strong")).toHaveText("rebooking");
    await editor.getByRole("button", { name: "Create snippet" }).click();
    editor = page.getByRole("form", { name: "Edit snippet" });
    await expect(editor.getByText("Saved.")).toBeVisible();
    const list = page.getByRole("table", { name: "Snippets" });
    const row = list.getByRole("row").filter({ hasText: `/${shortcut}` });
    await expect(row).toContainText("Rebooking confirmed");
    await expect(row).toContainText("English");

    // The same shortcut again: the server's 409 lands under the field, in words.
    await page.getByRole("button", { name: "New snippet" }).click();
    const dup = page.getByRole("form", { name: "New snippet" });
    await dup.getByLabel("Shortcut").fill(shortcut);
    await dup.getByLabel("Title").fill("Another");
    await dup.getByLabel("Reply", { exact: true }).fill("Something else");
    await dup.getByRole("button", { name: "Create snippet" }).click();
    await expect(dup.getByText(`The shortcut /${shortcut} is already taken.`)).toBeVisible();
    await expect(dup.getByLabel("Shortcut")).toHaveAttribute("aria-invalid", "true");
    await axeClean(page);
    // Esc cancels.
    await dup.getByLabel("Title").press("Escape");
    await expect(dup).toHaveCount(0);
    await expect(page.getByRole("button", { name: "New snippet" })).toBeFocused();

    // Edit: a new first line shows in the list.
    await row.getByRole("button").click();
    editor = page.getByRole("form", { name: "Edit snippet" });
    await expect(editor.getByLabel("Title")).toHaveValue("Rebooking confirmed");
    const edited = `Good news: your rebooking is confirmed (${shortcut}).`;
    await editor.getByLabel("Reply", { exact: true }).fill(edited);
    await editor.getByRole("button", { name: "Save" }).click();
    await expect(editor.getByText("Saved.")).toBeVisible();
    await expect(row).toContainText(edited);
    await editor.getByRole("button", { name: "Close" }).click();
    await expect(editor).toHaveCount(0);
    await axeClean(page);

    // Screenshots for the record: the editor beside the list at 1440×900, and a phone's 390×844.
    await row.getByRole("button").click();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: "/tmp/snippets-desktop.png" });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: "/tmp/snippets-phone-editor.png" });
    await page.keyboard.press("Escape");
    await page.screenshot({ path: "/tmp/snippets-phone.png" });
    await page.setViewportSize({ width: 1280, height: 720 });

    // An agent, inside the 24-hour window, types the shortcut: the snippet's words land in the reply box.
    const customer = newCustomer("Snip");
    await customerWrites(request, customer, "Hello, is my new flight confirmed?");
    const agentContext = await browser.newContext();
    const agent = await agentContext.newPage();
    await signIn(agent, USERS.agents.giulia);
    await agent.goto("/inbox?view=unassigned");
    await agent.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = agent.getByRole("region", { name: `Conversation with ${customer.name}` });
    const reply = thread.getByRole("textbox", { name: "Reply" });
    await reply.press("/");
    const search = thread.getByRole("combobox", { name: "Search templates" });
    await expect(search).toBeFocused();
    await search.fill(shortcut);
    await expect(thread.getByRole("listbox").getByRole("option").first()).toContainText(`/${shortcut}`);
    await search.press("Enter");
    await expect(reply).toBeFocused();
    await expect(reply).toHaveValue(edited);
    await agentContext.close();

    // The lead deletes it, after saying so.
    await row.getByRole("button").click();
    editor = page.getByRole("form", { name: "Edit snippet" });
    await editor.getByRole("button", { name: "Delete", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete this snippet?" });
    await expect(confirm).toContainText(`/${shortcut}`);
    await expect(confirm.getByRole("button", { name: "Keep it" })).toBeFocused();
    await confirm.getByRole("button", { name: "Delete snippet" }).click();
    await expect(editor).toHaveCount(0);
    await expect(list.getByText(`/${shortcut}`)).toHaveCount(0);
    const gone = await page.request.get(`/api/snippets?q=${shortcut}`);
    expect((await gone.json()).items).toEqual([]);
  });
});

async function axeClean(page: import("@playwright/test").Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}
