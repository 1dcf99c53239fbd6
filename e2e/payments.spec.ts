import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "@playwright/test";
import { customerWrites, expect, newCustomer, signedInApi, signIn, test, USERS } from "./fixtures";

// Payment requests end to end, as agents and leads work them: an agent composes a request from
// the composer (pre-filled from the selected booking), the card shows it pending; the customer's
// declined card leaves it pending, a good one turns it paid on the agent's screen without a
// reload; the agent asks for a refund and a lead approves it on /payments, and the card shows it
// refunded live. The leads' page filters and exports CSV, passes axe, and agents are refused it.
// Screenshots of every state go to /tmp/payui-*.png (desktop 1440×900 and phone 390×844).

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const DECLINED = { cardNumber: "4000 0000 0000 0002", expiry: "12/34", cvc: "123", name: "Marta Rossi" };
const GOOD = { ...DECLINED, cardNumber: "4242 4242 4242 4242" };

async function shoot(page: Page, name: string, viewport = DESKTOP) {
  const before = page.viewportSize();
  if (before?.width !== viewport.width || before?.height !== viewport.height) await page.setViewportSize(viewport);
  await page.screenshot({ path: `/tmp/payui-${name}.png` });
  if (before && (before.width !== viewport.width || before.height !== viewport.height)) await page.setViewportSize(before);
}

/** The token of a pay link (`…/pay/<token>`). */

test.describe("payment requests", () => {
  test("an agent requests a payment from a booking, sees it paid live, asks for a refund a lead approves on /payments", async ({ browser, page, request, baseURL }) => {
    test.setTimeout(180_000);
    const customer = newCustomer("Pay");
    await customerWrites(request, customer, "Hi! Can I upgrade my seat on the flight to London?");
    await page.setViewportSize(DESKTOP);
    await signIn(page, USERS.agents.giulia);
    await page.goto("/inbox?view=unassigned");
    await page.getByRole("link", { name: new RegExp(customer.name) }).click();
    await expect(page).toHaveURL(/\/inbox\/([0-9a-f-]{36})/);
    const conversationId = /\/inbox\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    // The airline's systems hold the booking (a lead's API call stands in for them).
    const leadApi = await signedInApi(baseURL!, USERS.leads.elena);
    const detail = await (await leadApi.get(`/api/conversations/${conversationId}`)).json();
    const pnr = `Q${Math.random().toString(36).slice(2, 7).toUpperCase()}`;
    const booking = await leadApi.post("/api/bookings", {
      data: {
        contactId: detail.contact.id,
        pnr,
        status: "ticketed",
        passengers: [{ surname: "ROSSI", givenName: "MARTA", type: "ADT" }],
        legs: [
          { operatingCarrier: "AZ", flightNumber: "204", from: "FCO", to: "LHR", departureAt: "2027-01-19T10:15:00+01:00", arrivalAt: "2027-01-19T12:10:00+00:00" },
          { operatingCarrier: "AZ", flightNumber: "205", from: "LHR", to: "FCO", departureAt: "2027-01-26T13:15:00+00:00", arrivalAt: "2027-01-26T16:40:00+01:00" },
        ],
        totalAmount: 24850,
        currency: "EUR",
      },
    });
    expect(booking.status()).toBe(201);
    const bookingId = (await booking.json()).id as string;

    const thread = page.getByRole("region", { name: `Conversation with ${customer.name}` });
    await expect(thread.getByRole("button", { name: "Booking confirmation · IT" })).toBeVisible({ timeout: 15_000 });
    await page.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 1));

    // ---- Compose: pre-filled from the booking, typed money, the exact message as a preview.
    await thread.getByRole("button", { name: "Request payment" }).click();
    const form = thread.getByRole("form", { name: "Request payment" });
    await expect(form.getByText(`From booking ${pnr}`)).toBeVisible();
    await expect(form.getByLabel("Item 1", { exact: true })).toHaveValue("Seat upgrade");
    await expect(form.getByLabel("Description")).toHaveValue(new RegExp(`Seat upgrade · AZ 204 FCO → LHR · .* · booking ${pnr}`));
    // The price takes the focus: the booking named the item.
    const price = form.getByLabel("Unit price of item 1");
    await expect(price).toBeFocused();
    await price.fill("90,5");
    await price.blur();
    await expect(price).toHaveValue("90.50");
    await price.fill("1.255");
    await form.getByRole("button", { name: /^Send request/ }).click();
    await expect(form.getByText("At most 2 decimals for this currency.")).toBeVisible();
    await price.fill("90");
    // JPY has no decimals: the same field says so.
    await form.getByLabel("Currency").selectOption("JPY");
    await expect(form.getByText("No decimals", { exact: true })).toBeVisible();
    await form.getByLabel("Currency").selectOption("EUR");
    const reference = await form.getByLabel("Reference", { exact: true }).inputValue();
    expect(reference).toMatch(/^PAY-[0-9A-Z]{10}$/);
    const preview = form.getByRole("figure");
    await expect(preview).toContainText("Inside the 24-hour window");
    await expect(preview.getByText("Pay €90.00")).toBeVisible();
    await expect(preview).toContainText(`Reference: ${reference}`);
    await expect(form.getByTestId("payment-total")).toHaveText("€90.00");
    await shoot(page, "composer");
    await shoot(page, "composer-phone", PHONE);

    // A double click sends once: one Idempotency-Key per opening, and the button waits.
    await form.getByRole("button", { name: "Send request · €90.00" }).dblclick();
    await expect(form).toBeHidden({ timeout: 15_000 });
    const log = thread.getByRole("log", { name: "Messages" });
    const card = log.locator("[data-payment-card]").filter({ hasText: reference });
    await expect(card).toHaveAttribute("data-payment-status", "pending", { timeout: 10_000 });
    await expect(card.getByTestId("payment-amount")).toHaveText("€90.00");
    await expect(card).toContainText("Awaiting payment");
    await expect(card).toContainText(/Expires .* \(in 2[34]h/);
    await expect(card.getByRole("button", { name: "Copy pay link" })).toBeVisible();
    const listed = await (await leadApi.get(`/api/payment-requests?conversationId=${conversationId}`)).json();
    expect(listed.items).toHaveLength(1);
    const requestId = listed.items[0].id as string;
    expect(listed.items[0]).toMatchObject({ reference, amountTotal: 9000, currency: "EUR", status: "pending", bookingId });
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "card-pending");

    // ---- A reference already used comes back as a field error next to the field.
    await thread.getByRole("button", { name: "Request payment" }).click();
    const second = thread.getByRole("form", { name: "Request payment" });
    await second.getByLabel("Unit price of item 1").fill("25");
    await second.getByLabel("Item 1", { exact: true }).fill("Extra bag");
    await second.getByLabel("Reference", { exact: true }).fill(reference);
    await second.getByRole("button", { name: /^Send request/ }).click();
    await expect(second.getByText(`The reference ${reference} is already used by another payment request.`)).toBeVisible();
    await expect(second.getByLabel("Reference", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await second.getByRole("button", { name: "New reference" }).click();
    const secondReference = await second.getByLabel("Reference", { exact: true }).inputValue();
    await second.getByRole("button", { name: "Send request · €25.00" }).click();
    await expect(second).toBeHidden({ timeout: 15_000 });
    // Cancelled from its card: the link stops working.
    const extra = log.locator("[data-payment-card]").filter({ hasText: secondReference });
    await extra.getByRole("button", { name: "Cancel request" }).click();
    await extra.getByRole("alertdialog").getByRole("button", { name: "Cancel request" }).click();
    await expect(extra).toHaveAttribute("data-payment-status", "cancelled");
    await expect(log.getByText(`Giulia Romano cancelled the payment request ${secondReference} (€25.00)`)).toBeVisible();
    await extra.scrollIntoViewIfNeeded();
    await shoot(page, "card-cancelled");

    // ---- The customer pays on the hosted page, on a phone, declined first, then a good card.
    const payUrl = (await (await leadApi.get(`/api/payment-requests/${requestId}`)).json()).payUrl as string;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-GB" });
    const payPage = await phone.newPage();
    await payPage.goto(new URL(payUrl).pathname);
    const payWith = async (card: typeof GOOD) => {
      await payPage.getByLabel("Card number").fill(card.cardNumber);
      await payPage.getByLabel("Expiry date").fill(card.expiry);
      await payPage.getByLabel("Security code").fill(card.cvc);
      await payPage.getByLabel("Name on card").fill(card.name);
      await payPage.getByRole("button", { name: "Pay €90.00" }).click();
    };
    await payWith(DECLINED);
    await expect(payPage.getByText(/declined/i).first()).toBeVisible();
    await expect(card.getByTestId("payment-failure")).toContainText("The card was declined.");
    await expect(card).toHaveAttribute("data-payment-status", "pending");
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "card-declined");
    await payWith(GOOD);
    await expect(card).toHaveAttribute("data-payment-status", "paid");
    await expect(card).toContainText("Paid");
    await expect(card.getByTestId("payment-failure")).toBeHidden();
    await expect(log.getByText(`${customer.name} paid €90.00 (${reference})`)).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "card-paid");

    // ---- The agent asks for a full refund: it waits for a lead.
    await card.getByRole("button", { name: "Refund…" }).click();
    const refundForm = card.getByRole("form", { name: "Refund" });
    await expect(refundForm.getByLabel("Amount")).toHaveValue("90.00");
    await refundForm.getByRole("button", { name: "Ask for approval" }).click();
    await expect(refundForm.getByText("Say why (the customer and the lead see it).")).toBeVisible();
    await refundForm.getByLabel("Reason").fill("Seat not available on the return flight");
    await shoot(page, "card-refund-form");
    await refundForm.getByRole("button", { name: "Ask for approval" }).click();
    await expect(card.getByText("Refund of €90.00 requested by you, waiting for approval")).toBeVisible();
    await expect(card).toHaveAttribute("data-payment-status", "paid");
    await expect(card.getByRole("button", { name: /Approve/ })).toHaveCount(0);
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "card-refund-requested");

    // ---- A lead approves it on /payments; the agent's card turns refunded without a reload.
    const leadContext = await browser.newContext({ viewport: DESKTOP, bypassCSP: true });
    const leadPage = await leadContext.newPage();
    await signIn(leadPage, USERS.leads.elena);
    await leadPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" }).click();
    await expect(leadPage).toHaveURL(/\/payments$/);
    const waiting = leadPage.getByRole("region", { name: /refunds? waits? for your decision/ });
    const approve = waiting.getByRole("button", { name: `Approve the refund of €90.00 for ${reference}` });
    await expect(approve).toBeVisible();
    await expect(leadPage.locator(`[data-payment-row="${requestId}"]`)).toContainText("Paid");
    await shoot(leadPage, "payments");
    await shoot(leadPage, "payments-phone", PHONE);
    await leadPage.setViewportSize(PHONE);
    await leadPage.getByRole("heading", { name: "Requests", exact: true }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await leadPage.screenshot({ path: "/tmp/payui-payments-phone-table.png" });
    await leadPage.setViewportSize(DESKTOP);
    await approve.click();
    await expect(approve).toBeHidden();
    await expect(leadPage.locator(`[data-payment-row="${requestId}"]`)).toContainText("Refunded");

    await expect(card).toHaveAttribute("data-payment-status", "refunded");
    await expect(card).toContainText("€90.00 refunded by Elena Ferrari");
    await expect(log.getByText(`Elena Ferrari refunded €90.00 of ${reference}`)).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await shoot(page, "card-refunded");
    await shoot(page, "card-refunded-phone", PHONE);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(1);

    // ---- Filters (kept in the URL) and the CSV of the same selection.
    await leadPage.getByLabel("Status", { exact: true }).selectOption("refunded");
    await expect(leadPage).toHaveURL(/status=refunded/);
    await expect(leadPage.locator(`[data-payment-row="${requestId}"]`)).toBeVisible();
    await leadPage.getByLabel("Requested by").selectOption({ label: "Giulia Romano" });
    await expect(leadPage).toHaveURL(/agentId=/);
    await expect(leadPage.locator("[data-payment-row]")).not.toHaveCount(0);
    await leadPage.getByLabel("Status", { exact: true }).selectOption("cancelled");
    await expect(leadPage.locator(`[data-payment-row="${requestId}"]`)).toBeHidden();
    await expect(leadPage.locator("[data-payment-row]").filter({ hasText: secondReference })).toBeVisible();
    await leadPage.locator("[data-payment-row]").filter({ hasText: secondReference }).getByRole("button", { name: "Only this conversation" }).click();
    await expect(leadPage).toHaveURL(new RegExp(`conversationId=${conversationId}`));
    await expect(leadPage.getByText(`Conversation with ${customer.name}`)).toBeVisible();
    await leadPage.getByLabel("Status", { exact: true }).selectOption("");
    await expect(leadPage.locator("[data-payment-row]")).toHaveCount(2);
    await shoot(leadPage, "payments-filtered");

    const [download] = await Promise.all([leadPage.waitForEvent("download"), leadPage.getByTestId("payments-export").click()]);
    expect(download.suggestedFilename()).toMatch(/^payment-requests-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^reference,created_at,status,currency,amount_total,/);
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(`${reference},`))).toMatch(/,refunded,EUR,90\.00,90\.00,90\.00,/);
    expect(lines.find((l) => l.startsWith(`${secondReference},`))).toMatch(/,cancelled,EUR,25\.00,0\.00,0\.00,/);
    const head = await leadApi.get(`/api/payment-requests/export?conversationId=${conversationId}`);
    expect(head.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(head.headers()["content-disposition"]).toMatch(/^attachment; filename="payment-requests-\d{4}-\d{2}-\d{2}\.csv"$/);

    // ---- axe on the leads' page: no serious or critical violation.
    const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
    await leadPage.evaluate(readFileSync(axePath, "utf8"));
    const results = await leadPage.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
      return axe.run(document, { resultTypes: ["violations"] });
    });
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(serious).toEqual([]);

    await leadContext.close();
    await phone.close();
    await leadApi.dispose();
  });

  test("agents are refused the payments page and its export, and do not see its link", async ({ page, baseURL }) => {
    await signIn(page, USERS.agents.chiara);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Payments" })).toHaveCount(0);
    await page.goto("/payments");
    await expect(page.getByRole("heading", { name: "Payments are for team leads and admins" })).toBeVisible();
    await expect(page.locator("[data-payment-row]")).toHaveCount(0);
    const agent = await signedInApi(baseURL!, USERS.agents.chiara);
    expect((await agent.get("/api/payment-requests/export")).status()).toBe(403);
    expect((await agent.get("/api/payment-requests/refunds")).status()).toBe(403);
    await agent.dispose();
  });
});
