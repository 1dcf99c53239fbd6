import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import type { Database } from "@/lib/db/types";
import { requestPayment } from "@/lib/messages/payment-request-reply";
import { cancelPaymentRequest } from "@/lib/payments/cancel";
import { createPaymentRequestSchema } from "@/lib/payments/schemas";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { patchPaymentRequest, paymentEventTypes, paymentStatusOf, setContactLocale, setWorkspaceTimeZone } from "@/lib/testing/payments";
import { GET, POST } from "./route";

// The pay page as Next calls it, on a real database (getDb hands over the test's): the HTML a
// customer gets, and the no-script card form answered with 303s.
const state: { database?: Database } = {};
vi.mock("@/lib/db/client", () => ({ getDb: async () => state.database!.db }));

beforeAll(async () => {
  state.database = await createTestDatabase();
});
afterAll(async () => {
  await settleOutboxWorlds();
  await state.database?.close();
});

const ORIGIN = "http://sportello.test";
const db = () => state.database!.db;

async function newRequest(w: OutboxWorld, over: Record<string, unknown> = {}) {
  const { conversation, contact } = await w.customer(10);
  const input = createPaymentRequestSchema.parse({
    conversationId: conversation.id,
    currency: "EUR",
    lineItems: [{ name: "Seat upgrade 12A", quantity: 1, unitAmount: 9000 }],
    description: "Seat upgrade on AZ1234",
    ...over,
  });
  const { request } = await requestPayment(db(), w.agent, { input, idempotencyKey: randomUUID() });
  return { request, contact, token: request.payUrl.split("/pay/")[1]! };
}

function get(token: string, { query = "", headers = {} }: { query?: string; headers?: Record<string, string> } = {}) {
  return GET(new NextRequest(`${ORIGIN}/pay/${token}${query}`, { headers }), { params: Promise.resolve({ token }) });
}

const FORM = { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", origin: "null" };

function post(token: string, fields: Record<string, string>, { query = "", headers = {} }: { query?: string; headers?: Record<string, string> } = {}) {
  const req = new NextRequest(`${ORIGIN}/pay/${token}${query}`, { method: "POST", headers: { ...FORM, ...headers }, body: new URLSearchParams(fields).toString() });
  return POST(req, { params: Promise.resolve({ token }) });
}

const CARD = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", name: "Giulia Bianchi" };
const DECLINED = { ...CARD, cardNumber: "4000 0000 0000 0002" };
const ERROR = { ...CARD, cardNumber: "4000 0000 0000 0119" };

const statusOf = (id: string) => paymentStatusOf(db(), id);

describe(`/pay/<token> (${testDbKind()})`, () => {
  it("shows the payee, the amount, the expiry and the form, with no script; never stored, indexed or referred", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request, contact } = await newRequest(w, { lineItems: [{ name: "Seat 12A", quantity: 2, unitAmount: 4000 }], taxRate: 22, discountAmount: 1000 });
    const res = await get(token);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      "x-robots-tag": "noindex, nofollow",
      "referrer-policy": "no-referrer",
      "content-language": "en",
    });
    const page = await res.text();
    expect(page).toContain("<h1>Test Air<span class=\"badge\" role=\"img\" aria-label=\"Verified business\"");
    expect(page).toContain('<p class="amount">€85.40</p>');
    expect(page).toContain("2 × €40.00");
    expect(page).toContain("Tax (22%)");
    expect(page).toMatch(/Pay by \d{1,2} \w+ \d{4} at \d\d:\d\d CES?T/); // the workspace's zone, Europe/Rome
    expect(page).toContain(`<form method="post" action="/pay/${token}#pay">`);
    expect(page).toContain(request.reference);
    expect(page).not.toMatch(/<script/i);
    // Nothing about the customer or the conversation.
    for (const secret of [contact.phone, contact.waId, contact.profileName ?? "", request.conversationId, request.id]) expect(page).not.toContain(secret);
  });

  it("speaks the customer's language: WhatsApp's locale, else Accept-Language, else English; a choice on the page wins", async () => {
    const w = await makeOutboxWorld(db());
    const { token, contact } = await newRequest(w);
    const it_ = await get(token, { headers: { "accept-language": "it-IT,it;q=0.9,en;q=0.5" } });
    expect(it_.headers.get("content-language")).toBe("it");
    const page = await it_.text();
    expect(page).toContain('<html lang="it">');
    expect(page).toContain("Importo da pagare");
    expect(page).toContain("90,00\u00a0€");
    expect(await (await get(token, { headers: { "accept-language": "fr" } })).text()).toContain("Amount due");

    await setContactLocale(db(), contact.id, "it_IT");
    expect(await (await get(token, { headers: { "accept-language": "en" } })).text()).toContain("Importo da pagare");
    const chosen = await (await get(token, { query: "?lang=en", headers: { "accept-language": "it" } })).text();
    expect(chosen).toContain("Amount due");
    expect(chosen).toContain(`action="/pay/${token}?lang=en#pay"`);
  });

  it("says the expiry in the business's time zone", async () => {
    const w = await makeOutboxWorld(db());
    await setWorkspaceTimeZone(db(), w.workspace.id, "Asia/Tokyo");
    const { token, request } = await newRequest(w);
    await patchPaymentRequest(db(), request.id, { expiresAt: new Date("2030-01-15T12:00:00Z") });
    expect(await (await get(token)).text()).toContain("Pay by 15 January 2030 at 21:00 GMT+9");
  });

  it("a wrong token is a clear 404 page, in the reader's language", async () => {
    for (const token of ["A".repeat(43), "not-a-token", "..%2F..%2Fetc"]) {
      const res = await get(token, { headers: { "accept-language": "it" } });
      expect(res.status).toBe(404);
      expect(res.headers.get("x-robots-tag")).toBe("noindex, nofollow");
      expect(await res.text()).toContain("Questo link di pagamento non esiste");
    }
    const posted = await post("A".repeat(43), CARD);
    expect(posted.status).toBe(404);
  });

  it("the card form: declined and a processing error come back to the page with the reason, still payable; 4242 pays; again is the paid page", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request } = await newRequest(w);

    const declined = await post(token, DECLINED);
    expect(declined.status).toBe(303);
    expect(declined.headers.get("location")).toBe(`/pay/${token}?result=declined&code=card_declined`);
    expect(await statusOf(request.id)).toBe("pending");
    const shown = await (await get(token, { query: "?result=declined&code=card_declined" })).text();
    expect(shown).toContain('role="alert"');
    expect(shown).toContain("Your card was declined. Nothing was charged");
    expect(shown).toContain("<form");

    const failed = await post(token, ERROR, { query: "?lang=it" });
    expect(failed.headers.get("location")).toBe(`/pay/${token}?lang=it&result=failed&code=processing_error`);
    expect(await statusOf(request.id)).toBe("pending");

    const paid = await post(token, CARD);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`/pay/${token}?result=paid`);
    expect(await statusOf(request.id)).toBe("paid");
    const receipt = await (await get(token, { query: "?result=paid" })).text();
    expect(receipt).toContain("Payment received");
    expect(receipt).toContain("Thank you! You paid €90.00 to Test Air.");
    expect(receipt).toMatch(/Paid on \d{1,2} \w+ \d{4}/);
    expect(receipt).not.toContain("<form");

    // A second submit (a double tap, another tab) is not a second charge: back to the paid page.
    const again = await post(token, CARD);
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe(`/pay/${token}`);
    expect(await paymentEventTypes(db(), request.id)).toEqual(["payment.declined", "payment.failed", "payment.captured"]);
  });

  it("bad input is the page again with the fields marked (422), never a 500, and tries no card", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request } = await newRequest(w);
    const res = await post(token, { cardNumber: "4242", expiry: "13/99", cvc: "12345", name: " " }, { headers: { "accept-language": "it" } });
    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("Controlla i campi indicati qui sotto.");
    for (const f of ["cardNumber", "expiry", "cvc", "name"]) expect(page).toContain(`aria-invalid="true" aria-describedby="${f}-error"`);
    expect(page).toContain('value="13/99"');
    expect(page).not.toContain('value="4242"');

    // Not a form at all (JSON, nothing): the same page, fields marked.
    const json = await POST(new NextRequest(`${ORIGIN}/pay/${token}`, { method: "POST", headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" }, body: JSON.stringify(CARD) }), { params: Promise.resolve({ token }) });
    expect(json.status).toBe(422);
    const empty = await post(token, {});
    expect(empty.status).toBe(422);
    expect(await paymentEventTypes(db(), request.id)).toEqual([]);
  });

  it("a form from another site is sent back to the page without trying the card", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request } = await newRequest(w);
    const attempts: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, { "sec-fetch-site": "", origin: "https://evil.example" }, { "sec-fetch-site": "", origin: "null" }];
    for (const headers of attempts) {
      const res = await post(token, CARD, { headers });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe(`/pay/${token}`);
    }
    expect(await statusOf(request.id)).toBe("pending");
    // Our own page: Origin may be null (no-referrer), Sec-Fetch-Site says same-origin; or Origin is ours.
    expect((await post(token, DECLINED, { headers: { origin: ORIGIN, "sec-fetch-site": "", host: "sportello.test" } })).headers.get("location")).toContain("result=declined");
  });

  it("too many attempts: the page says to wait", async () => {
    const w = await makeOutboxWorld(db());
    const { token } = await newRequest(w);
    let last: Response | null = null;
    for (let i = 0; i < 11; i++) last = await post(token, DECLINED);
    expect(last!.headers.get("location")).toBe(`/pay/${token}?result=rate_limited`);
    expect(await (await get(token, { query: "?result=rate_limited" })).text()).toContain("Too many attempts");
  });

  it("cancelled, expired: their own pages, and the form is refused", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request } = await newRequest(w);
    await cancelPaymentRequest(db(), { actor: w.agent, id: request.id });
    const cancelled = await (await get(token)).text();
    expect(cancelled).toContain("This payment request was cancelled");
    expect(cancelled).toContain("Test Air cancelled it");
    expect(cancelled).not.toContain("<form");
    expect((await post(token, CARD)).headers.get("location")).toBe(`/pay/${token}`);
    expect(await statusOf(request.id)).toBe("cancelled");

    const other = await newRequest(w);
    await patchPaymentRequest(db(), other.request.id, { expiresAt: new Date(Date.now() - 1000) });
    const expired = await (await get(other.token, { headers: { "accept-language": "it" } })).text();
    expect(expired).toContain("Questo link di pagamento è scaduto");
    expect((await post(other.token, CARD)).headers.get("location")).toBe(`/pay/${other.token}`);
  });

  it("Stripe: the button is the Checkout Session's link, and the form is refused", async () => {
    const w = await makeOutboxWorld(db());
    const { token, request } = await newRequest(w);
    await patchPaymentRequest(db(), request.id, { provider: "stripe", checkoutUrl: "https://checkout.stripe.com/c/pay/cs_test_1" });
    const page = await (await get(token)).text();
    expect(page).toContain('<a class="button" href="https://checkout.stripe.com/c/pay/cs_test_1" rel="noreferrer">');
    expect(page).toContain("Stripe");
    expect(page).not.toContain("<form");
    expect((await post(token, CARD)).headers.get("location")).toBe(`/pay/${token}`);
    expect(await statusOf(request.id)).toBe("pending");
    expect(await (await get(token, { query: "?checkout=success" })).text()).toContain("Confirming your payment");
  });
});
