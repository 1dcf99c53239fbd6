import { customerWrites, expect, newCustomer, signIn, test, USERS } from "./fixtures";

// Snooze until a chosen time, and a snoozed conversation waking by itself while the agent watches.

test.describe("snooze", () => {
  test("an agent snoozes until a date and time of their choosing; the thread says until when", async ({ page, request }) => {
    const customer = newCustomer("Snooze");
    await customerWrites(request, customer, "Please call me back after my meeting.");
    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    await expect(thread.getByRole("log", { name: "Messages" }).getByText("after my meeting")).toBeVisible();

    await thread.getByRole("button", { name: "Snooze", exact: true }).click();
    await page.getByRole("menuitem", { name: "Pick a date and time…" }).click();
    const dialog = page.getByRole("dialog", { name: "Snooze until" });
    const when = dialog.locator("input[type=datetime-local]");
    await expect(when).toHaveAccessibleName("Snooze until");
    // A time in the past is refused in words, and nothing changes.
    await when.fill("2020-01-01T09:00");
    await dialog.getByRole("button", { name: "Snooze" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Choose a time in the future.");
    await when.fill("2099-01-01T09:00");
    await dialog.getByRole("button", { name: "Snooze" }).click();
    await expect(dialog.getByRole("alert")).toHaveText("Snooze for at most a year.");
    await page.screenshot({ path: "/tmp/snooze-custom.png" });
    // Three months ahead at 16:30, in the browser's local time (how the field reads it).
    const d = new Date();
    d.setMonth(d.getMonth() + 3, 14);
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-14T16:30`;
    await when.fill(local);
    await dialog.getByRole("button", { name: "Snooze" }).click();
    await expect(dialog).toBeHidden();
    await expect(thread.getByRole("button", { name: "Open", exact: true })).toBeVisible();
    await expect(thread.getByRole("log", { name: "Messages" }).getByText(/marked this snoozed/)).toBeVisible();
    const id = /\/inbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const detail = await (await page.request.get(`/api/conversations/${id}`)).json();
    expect(detail.status).toBe("snoozed");
    const expected = await page.evaluate((v) => new Date(v).toISOString(), local);
    expect(new Date(detail.snoozedUntil).toISOString()).toBe(expected);
  });

  test("a snoozed conversation wakes at its time, live, with an event in the thread", async ({ page, request }) => {
    test.setTimeout(90_000);
    const customer = newCustomer("Wake");
    await customerWrites(request, customer, "I'll send the passport photo tomorrow.");
    await signIn(page, USERS.agents.luca);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    const log = thread.getByRole("log", { name: "Messages" });
    await expect(log.getByText("passport photo")).toBeVisible();
    const id = /\/inbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // Snoozed for a few seconds (the API takes any future time; the menu offers hours and days).
    const res = await page.request.patch(`/api/conversations/${id}`, { data: { status: "snoozed", snoozedUntil: new Date(Date.now() + 4_000).toISOString() } });
    expect(res.status()).toBe(200);
    await expect(thread.getByRole("button", { name: "Open", exact: true })).toBeVisible();

    // The timer wakes it (checked every 10 s): the header and the thread change without a reload.
    await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 1));
    await expect(log.getByText("Snooze ended — the conversation is open again")).toBeVisible({ timeout: 40_000 });
    await expect(thread.getByRole("button", { name: "Snooze", exact: true })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(1);
    expect((await (await page.request.get(`/api/conversations/${id}`)).json()).status).toBe("open");
  });
});
