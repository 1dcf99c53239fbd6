import { randomUUID } from "node:crypto";
import http from "node:http";
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { paymentEvents } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { lockConversation } from "@/lib/conversations/mutations";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { createPaymentRequest } from "./create";
import { payTokenOfRow } from "./dto";
import { getProvider, offeredProviders } from "./providers";
import { getPaymentRequest, getPublicPaymentView } from "./queries";
import { refundPaymentRequest } from "./refunds";
import { createPaymentRequestSchema } from "./schemas";
import { receiveProviderWebhook } from "./webhook";

// A tiny local Stripe: the SDK talks to it through STRIPE_API_URL, so these tests exercise the
// official SDK's requests and its own webhook signatures (generateTestHeaderString).
type Call = { method: string; path: string; params: URLSearchParams; idempotencyKey: string | undefined; responseId?: string };
const calls: Call[] = [];
let n = 0;
const fake = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const params = new URLSearchParams(body);
    calls.push({ method: req.method!, path: req.url!, params, idempotencyKey: req.headers["idempotency-key"] as string | undefined });
    const send = (status: number, json: { id?: string } & Record<string, unknown>) => {
      calls.at(-1)!.responseId = json.id;
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++n}` });
      res.end(JSON.stringify(json));
    };
    if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
      const id = `cs_test_${++n}`;
      return send(200, { id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}`, status: "open", payment_status: "unpaid", amount_total: Number(params.get("line_items[0][price_data][unit_amount]")), currency: params.get("line_items[0][price_data][currency]") });
    }
    if (req.method === "POST" && req.url === "/v1/refunds") {
      return send(200, { id: `re_${++n}`, object: "refund", status: "succeeded", amount: Number(params.get("amount")), payment_intent: params.get("payment_intent") });
    }
    send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${req.url})` } });
  });
});
await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
const WEBHOOK_SECRET = "whsec_test_sportello";
process.env.STRIPE_SECRET_KEY = "sk_test_sportello";
process.env.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET;
process.env.STRIPE_API_URL = `http://127.0.0.1:${(fake.address() as { port: number }).port}`;
const sdk = new Stripe("sk_test_sportello");

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
  await new Promise((r) => fake.close(r));
});

async function world() {
  const db = database.db;
  const ws = await makeWorkspace(db);
  const agent = actorOf(await makeUser(db, ws.workspace.id, "agent"));
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
  const { conversation } = await makeConversation(db, ws);
  const create = () =>
    db.transaction(async (tx) => {
      const conv = await lockConversation(tx, ws.workspace.id, conversation.id);
      const input = createPaymentRequestSchema.parse({ conversationId: conversation.id, currency: "EUR", lineItems: [{ name: "Extra bag", quantity: 1, unitAmount: 4500 }], description: "Extra bag AZ1234", provider: "stripe" });
      return (await createPaymentRequest(tx, { actor: agent, conv, input, idempotencyKey: randomUUID(), requestHash: "h" })).row;
    });
  return { db, ws, agent, lead, create };
}

/** An event as Stripe would POST it, signed by the SDK's own test helper. */
function stripeEvent(type: string, object: Record<string, unknown>, secret = WEBHOOK_SECRET) {
  const payload = JSON.stringify({ id: `evt_${randomUUID().replace(/-/g, "")}`, object: "event", api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), type, data: { object }, livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null } });
  const header = sdk.webhooks.generateTestHeaderString({ payload, secret });
  return { rawBody: payload, headers: new Headers({ "stripe-signature": header }) };
}

describe(`Stripe provider against a local fake (${testDbKind()})`, () => {
  it("is offered when configured and creates a Checkout Session for the server-computed total", async () => {
    expect(offeredProviders()).toEqual(["sandbox", "stripe"]);
    const w = await world();
    const r = await w.create();
    expect(r).toMatchObject({ provider: "stripe", providerRef: expect.stringMatching(/^cs_test_/), checkoutUrl: expect.stringMatching(/^https:\/\/checkout\.stripe\.test\//) });
    const call = calls.find((c) => c.path === "/v1/checkout/sessions" && c.params.get("client_reference_id") === r.id)!;
    expect(call.params.get("mode")).toBe("payment");
    expect(call.params.get("line_items[0][price_data][unit_amount]")).toBe("4500");
    expect(call.params.get("line_items[0][price_data][currency]")).toBe("eur");
    expect(call.params.get("metadata[paymentRequestId]")).toBe(r.id);
    expect(call.idempotencyKey).toBe(`checkout-${r.id}`);
    const view = await getPublicPaymentView(w.db, { token: payTokenOfRow(r) });
    expect(view).toMatchObject({ provider: "stripe", checkoutUrl: r.checkoutUrl, status: "pending" });
  });

  it("checkout.session.completed pays it once; a replay and a forged signature change nothing; a refund goes to Stripe once", async () => {
    const w = await world();
    const r = await w.create();
    const count = async () => (await w.db.select().from(paymentEvents).where(eq(paymentEvents.provider, "stripe"))).length;
    const before = await count();
    const session = { id: r.providerRef, object: "checkout.session", client_reference_id: r.id, metadata: { paymentRequestId: r.id }, payment_status: "paid", amount_total: 4500, currency: "eur", payment_intent: "pi_test_1" };

    const forged = stripeEvent("checkout.session.completed", session, "whsec_wrong");
    await expect(receiveProviderWebhook(w.db, { provider: "stripe", ...forged })).rejects.toMatchObject({ status: 400, reason: "payment.webhook_bad_signature" });
    await expect(receiveProviderWebhook(w.db, { provider: "stripe", rawBody: forged.rawBody, headers: new Headers() })).rejects.toMatchObject({ status: 400 });
    expect(await count()).toBe(before);

    const completed = stripeEvent("checkout.session.completed", session);
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...completed })).events[0]!.outcome).toBe("applied");
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...completed })).events[0]!.outcome).toBe("replay");
    expect(await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id })).toMatchObject({ status: "paid", amountCaptured: 4500 });
    expect(await getPublicPaymentView(w.db, { token: payTokenOfRow(r) })).toMatchObject({ status: "paid", checkoutUrl: null });

    // A lead's refund goes to Stripe on the PaymentIntent, with an idempotency key.
    const refunded = await refundPaymentRequest(w.db, { actor: w.lead, id: r.id, input: { amount: 1500, reason: "Bag not used" }, idempotencyKey: "rk1" });
    expect(refunded).toMatchObject({ refund: { status: "succeeded", amount: 1500 }, request: { status: "partially_refunded", amountRefunded: 1500 } });
    const refundCall = calls.filter((c) => c.path === "/v1/refunds").at(-1)!;
    expect(refundCall.params.get("payment_intent")).toBe("pi_test_1");
    expect(refundCall.params.get("amount")).toBe("1500");
    const reId = (await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id })).refunds[0]!.id;
    expect(refundCall.idempotencyKey).toBe(`refund-${reId}`);

    // Stripe then reports that refund (ours: not applied twice) and one made in its dashboard.
    const charge = (refundId: string, amount: number) => ({ id: "ch_1", object: "charge", payment_intent: "pi_test_1", currency: "eur", amount_refunded: 0, metadata: {}, refunds: { object: "list", data: [{ id: refundId, amount }] } });
    const oursEvent = stripeEvent("charge.refunded", charge(refundCall.responseId!, 1500));
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...oursEvent })).events[0]!.outcome).toBe("ignored:refund_already_recorded");
    expect((await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id })).amountRefunded).toBe(1500);
    const dashboard = stripeEvent("charge.refunded", charge("re_dashboard_1", 500));
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...dashboard })).events[0]!.outcome).toBe("applied");
    expect(await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id })).toMatchObject({ status: "partially_refunded", amountRefunded: 2000 });
  });

  it("an expired session before the request's own expiry, an unknown session and other event types are stored and ignored", async () => {
    const w = await world();
    const r = await w.create();
    const expired = stripeEvent("checkout.session.expired", { id: r.providerRef, object: "checkout.session", client_reference_id: r.id, metadata: { paymentRequestId: r.id } });
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...expired })).events[0]!.outcome).toBe("ignored:payment.not_expired_yet");
    const unknown = stripeEvent("checkout.session.completed", { id: "cs_unknown", object: "checkout.session", metadata: {}, payment_status: "paid", amount_total: 100, currency: "eur" });
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...unknown })).events[0]!.outcome).toBe("ignored:unknown_request");
    const other = stripeEvent("customer.created", { id: "cus_1", object: "customer" });
    expect((await receiveProviderWebhook(w.db, { provider: "stripe", ...other })).events[0]!.outcome).toBe("ignored:unhandled_type");
    expect(getProvider("nope")).toBeNull();
  });
});
