import type { Page, Request } from "@playwright/test";
import { test, expect, USERS, customerWrites, newCustomer, signIn } from "./fixtures";

/** The API requests a page makes from now on (the event stream and the open thread's presence heartbeat aside). */
function recordApiRequests(page: Page) {
  const seen: string[] = [];
  const on = (r: Request) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith("/api/") && url.pathname !== "/api/events" && !url.pathname.endsWith("/viewers")) seen.push(`${r.method()} ${url.pathname}`);
  };
  page.on("request", on);
  return { seen, stop: () => page.off("request", on) };
}

test.describe("live updates carry the change", () => {
  test("a colleague's reply lands in the thread and moves the list without a single request", async ({ browser, request }) => {
    const customer = newCustomer("Carry");
    await customerWrites(request, customer, "Can I bring my surfboard on AZ 204?");

    const a = await browser.newContext();
    const b = await browser.newContext();
    const giulia = await a.newPage();
    const luca = await b.newPage();
    await signIn(giulia, USERS.agents.giulia);
    await signIn(luca, USERS.agents.luca);

    // Luca watches the Unassigned view with the thread open; opening it marks it read.
    await luca.goto("/inbox?view=unassigned");
    const lucaList = luca.getByRole("region", { name: "Conversations" });
    const read = luca.waitForResponse((r) => r.url().endsWith("/read"));
    await lucaList.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(luca).toHaveURL(/\/inbox\/[0-9a-f-]{36}/);
    await read;
    await expect(luca.getByRole("log", { name: "Messages" }).getByText("surfboard")).toBeVisible();
    const conversationUrl = new URL(luca.url());

    await giulia.goto(conversationUrl.pathname);
    const calls = recordApiRequests(luca);
    await giulia.getByRole("textbox", { name: "Reply" }).fill("Yes, as special baggage: I'll add it to your booking.");
    await giulia.keyboard.press("Enter");

    // The reply appears in Luca's thread, and the conversation (now Giulia's) leaves his Unassigned list.
    await expect(luca.getByRole("log", { name: "Messages" }).getByText("as special baggage")).toBeVisible();
    await expect(lucaList.getByRole("link", { name: new RegExp(customer.name) })).toHaveCount(0);

    // A new customer arrives at the top of the list, still without a request.
    const next = newCustomer("Arrives");
    await customerWrites(request, next, "Is the lounge in Terminal 1 open?");
    await expect(lucaList.getByRole("link").first()).toContainText(next.name);

    // Let the reply's delivery ticks (sent, delivered) arrive too.
    await luca.waitForTimeout(1_500);
    calls.stop();
    expect(calls.seen).toEqual([]);

    await a.close();
    await b.close();
  });
});
