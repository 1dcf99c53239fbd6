import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, bookings, messages, paymentEvents, paymentRequests } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { handleSendJob } from "./outbox";
import { payWithSandbox, receivePaymentWebhook, requestPayment } from "./payment-request-reply";
import { createPaymentRequestSchema } from "@/lib/payments/schemas";
import { getPublicPaymentView, getPaymentRequest } from "@/lib/payments/queries";
import { listPaymentRequests } from "@/lib/payments/list";
import { SANDBOX_SIGNATURE_HEADER, signSandboxEvent } from "@/lib/payments/providers/sandbox";
import { orderDetailsSchema } from "@/lib/whatsapp/order-details";

const VISA_OK = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", name: "Giulia Bianchi" };
const VISA_DECLINED = { ...VISA_OK, cardNumber: "4000 0000 0000 0002" };
const VISA_ERROR = { ...VISA_OK, cardNumber: "4000 0000 0000 0119" };

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

const tokenOf = (payUrl: string) => payUrl.split("/pay/")[1]!;

async function request(w: OutboxWorld, conversationId: string, over: Record<string, unknown> = {}, key: string | null = randomUUID()) {
  const input = createPaymentRequestSchema.parse({
    conversationId,
    currency: "EUR",
    lineItems: [{ name: "Seat upgrade", quantity: 1, unitAmount: 9000 }],
    description: "Seat upgrade on AZ1234",
    ...over,
  });
  return requestPayment(database.db, w.agent, { input, idempotencyKey: key });
}

describe(`payment requests: create and send (${testDbKind()})`, () => {
  it("computes the totals, ignores a client's total, sends a cta_url card the fake accepts, audits", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r, created } = await request(w, conversation.id, {
      lineItems: [{ name: "Seat upgrade", quantity: 2, unitAmount: 4000 }, { name: "Bag", quantity: 1, unitAmount: 1000 }],
      taxRate: 10,
      discountAmount: 1000,
      amountTotal: 1, // a client's total: stripped by the schema, never read
    });
    expect(created).toBe(true);
    expect(r).toMatchObject({ status: "pending", currency: "EUR", amountSubtotal: 9000, amountDiscount: 1000, amountTax: 800, amountTotal: 8800, taxRate: 10, amountRefundable: 0 });
    expect(r.reference).toMatch(/^PAY-[0-9A-Z]{10}$/);
    expect(r.payUrl).toMatch(/\/pay\/[A-Za-z0-9_-]{43}$/);
    expect(new Date(r.expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);

    const msg = await w.message(r.messageId!);
    expect(msg).toMatchObject({ kind: "interactive", status: "queued", direction: "outbound" });
    expect(msg.payload).toMatchObject({
      interactive: { type: "cta_url", action: { name: "cta_url", parameters: { display_text: "Pay €88.00", url: r.payUrl } } },
      payment: { id: r.id, status: "pending", amountTotal: 8800, currency: "EUR" },
    });
    expect(await handleSendJob(database.db, w.cfg, msg.id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    expect(w.fake.engine.sent.at(-1)).toMatchObject({ type: "interactive" });

    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.workspaceId, w.workspace.id), eq(auditLog.action, "payment.created")));
    expect(audit).toMatchObject({ actorUserId: w.agent.userId, conversationId: conversation.id, data: { amountTotal: 8800, currency: "EUR", reference: r.reference } });
    // Only the token's hash and nonce are stored, never the token.
    const [row] = await database.db.select().from(paymentRequests).where(eq(paymentRequests.id, r.id));
    expect(JSON.stringify(row)).not.toContain(tokenOf(r.payUrl));
  });

  it("Idempotency-Key: missing is 400, same key and body answer the same request, another body is 409", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    await expect(request(w, conversation.id, {}, null)).rejects.toMatchObject({ status: 400, reason: "payment.idempotency_key_missing" });
    const key = randomUUID();
    const first = await request(w, conversation.id, {}, key);
    const again = await request(w, conversation.id, {}, key);
    expect(again).toEqual({ request: first.request, created: false });
    await expect(request(w, conversation.id, { description: "Something else" }, key)).rejects.toMatchObject({ status: 409, reason: "payment.idempotency_key_reused" });
    // Two retries at once: one request, one message.
    const key2 = randomUUID();
    const [a, b] = await Promise.all([request(w, conversation.id, {}, key2), request(w, conversation.id, {}, key2)]);
    expect(a.request.id).toBe(b.request.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const rows = await database.db.select().from(paymentRequests).where(eq(paymentRequests.conversationId, conversation.id));
    expect(rows).toHaveLength(2);
    const cards = await database.db.select().from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.kind, "interactive")));
    expect(cards).toHaveLength(2);
  });

  it("references: a chosen one is kept, a taken one is 409, a malformed one is refused", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const r = await request(w, conversation.id, { reference: "VA-UPG.2026_1" });
    expect(r.request.reference).toBe("VA-UPG.2026_1");
    await expect(request(w, conversation.id, { reference: "VA-UPG.2026_1" })).rejects.toMatchObject({ status: 409, reason: "payment.reference_taken" });
    expect(createPaymentRequestSchema.safeParse({ conversationId: conversation.id, currency: "EUR", lineItems: [{ name: "x", quantity: 1, unitAmount: 1 }], description: "d", reference: "has space" }).success).toBe(false);
    expect(createPaymentRequestSchema.safeParse({ conversationId: conversation.id, currency: "XXX", lineItems: [{ name: "x", quantity: 1, unitAmount: 1 }], description: "d" }).success).toBe(false);
  });

  it("outside the window: the payment_request template with amount_1000 and the token as the URL suffix", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation, contact } = await w.customer(26 * 60);
    const [booking] = await database.db.insert(bookings).values({ workspaceId: w.workspace.id, contactId: contact.id, pnr: "AZ7QK2", passengers: [], legs: [] }).returning();
    const { request: r } = await request(w, conversation.id, { currency: "JPY", lineItems: [{ name: "Extra bag", quantity: 1, unitAmount: 12000 }], bookingId: booking!.id });
    const msg = await w.message(r.messageId!);
    expect(msg.kind).toBe("template");
    const tpl = (msg.payload as { template: { name: string; components: { type: string; parameters: Record<string, unknown>[] }[] } }).template;
    expect(tpl.name).toBe("payment_request");
    const body = tpl.components.find((c) => c.type === "body")!;
    // The seeded template's named parameters: first_name, pnr, amount, due_date.
    expect(body.parameters[2]).toMatchObject({ type: "currency", parameter_name: "amount", currency: { code: "JPY", amount_1000: 12_000_000, fallback_value: "¥12,000" } });
    expect(body.parameters[1]).toMatchObject({ type: "text", parameter_name: "pnr", text: "AZ7QK2" });
    expect(tpl.components.find((c) => c.type === "button")!.parameters[0]).toEqual({ type: "text", text: tokenOf(r.payUrl) });
    expect(await handleSendJob(database.db, w.cfg, msg.id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
  });

  it("INR inside the window: a valid order_details / review_and_pay the fake accepts", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r } = await request(w, conversation.id, { currency: "INR", lineItems: [{ name: "Meal", quantity: 2, unitAmount: 45000 }], taxRate: 5 });
    const msg = await w.message(r.messageId!);
    const interactive = (msg.payload as { interactive: unknown }).interactive;
    expect(orderDetailsSchema.safeParse(interactive).success).toBe(true);
    expect(interactive).toMatchObject({ type: "order_details", action: { name: "review_and_pay", parameters: { reference_id: r.reference, currency: "INR", total_amount: { value: 94500, offset: 100 } } } });
    expect(await handleSendJob(database.db, w.cfg, msg.id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
    // The fake checks the arithmetic, as WhatsApp does.
    const broken = structuredClone(interactive) as { action: { parameters: { total_amount: { value: number } } } };
    broken.action.parameters.total_amount.value += 1;
    expect(orderDetailsSchema.safeParse(broken).success).toBe(false);
  });

  it("refuses another workspace's conversation (404), another customer's booking and an out-of-range expiry (400)", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const other = await makeWorkspace(database.db, "Other Air");
    const { conversation: foreign, contact: foreignContact } = await makeConversation(database.db, other);
    await expect(request(w, foreign.id)).rejects.toMatchObject({ status: 404 });
    const [booking] = await database.db.insert(bookings).values({ workspaceId: w.workspace.id, contactId: (await w.customer(5)).contact.id, pnr: "ZZ0001", passengers: [], legs: [] }).returning();
    await expect(request(w, conversation.id, { bookingId: booking!.id })).rejects.toMatchObject({ status: 400, reason: "payment.booking_not_customers" });
    const [foreignBooking] = await database.db.insert(bookings).values({ workspaceId: other.workspace.id, contactId: foreignContact.id, pnr: "ZZ0002", passengers: [], legs: [] }).returning();
    await expect(request(w, conversation.id, { bookingId: foreignBooking!.id })).rejects.toMatchObject({ status: 404 });
    await expect(request(w, conversation.id, { expiresAt: new Date(Date.now() + 31 * 86_400_000).toISOString() })).rejects.toMatchObject({ status: 400, reason: "payment.expiry_out_of_range" });
    await expect(request(w, conversation.id, { discountAmount: 9001 })).rejects.toMatchObject({ status: 400, reason: "payment.discount_too_large" });
    // Nothing half-made: no request, no message.
    const rows = await database.db.select().from(paymentRequests).where(eq(paymentRequests.conversationId, conversation.id));
    expect(rows).toHaveLength(0);
  });
});

describe(`the pay link and the sandbox provider (${testDbKind()})`, () => {
  it("the public view shows the payee, the items, the amount and the status, and nothing else; a wrong token is 404", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation, contact } = await w.customer(10);
    const { request: r } = await request(w, conversation.id);
    const view = await getPublicPaymentView(database.db, { token: tokenOf(r.payUrl) });
    expect(view).toMatchObject({ business: { name: "Test Air", verified: true }, reference: r.reference, amountTotal: 9000, currency: "EUR", status: "pending", payable: true });
    const text = JSON.stringify(view);
    for (const secret of [contact.phone, contact.waId, contact.profileName ?? "", conversation.id, r.id]) expect(text).not.toContain(secret);
    await expect(getPublicPaymentView(database.db, { token: "A".repeat(43) })).rejects.toMatchObject({ status: 404 });
    await expect(getPublicPaymentView(database.db, { token: "../etc" })).rejects.toMatchObject({ status: 404 });
  });

  it("a declined card and a processing error leave it pending with the reason; 4242 pays it through the webhook path", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r } = await request(w, conversation.id);
    const token = tokenOf(r.payUrl);

    const declined = await payWithSandbox(database.db, { token, card: VISA_DECLINED });
    expect(declined).toMatchObject({ outcome: "declined", failure: { code: "card_declined" }, payment: { status: "pending", payable: true, lastFailure: { code: "card_declined" } } });
    const failed = await payWithSandbox(database.db, { token, card: VISA_ERROR });
    expect(failed).toMatchObject({ outcome: "failed", failure: { code: "processing_error" }, payment: { status: "pending" } });

    const paid = await payWithSandbox(database.db, { token, card: VISA_OK });
    expect(paid).toMatchObject({ outcome: "paid", failure: null, payment: { status: "paid", payable: false, lastFailure: null } });
    const detail = await getPaymentRequest(database.db, { workspaceId: w.workspace.id, id: r.id });
    expect(detail).toMatchObject({ status: "paid", amountCaptured: 9000, amountRefundable: 9000 });

    // The card turned paid (message.updated), a system event says who paid what, the customer got a confirmation.
    expect((await w.message(r.messageId!)).payload).toMatchObject({ payment: { status: "paid" } });
    const thread = await database.db.select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(thread.some((m) => m.kind === "event" && /paid €90\.00/.test(m.text ?? ""))).toBe(true);
    expect(thread.some((m) => m.kind === "text" && m.direction === "outbound" && /received your payment of €90\.00/.test(m.text ?? ""))).toBe(true);
    const events = await database.db.select().from(paymentEvents).where(eq(paymentEvents.paymentRequestId, r.id));
    expect(events.map((e) => e.type).sort()).toEqual(["payment.captured", "payment.declined", "payment.failed"]);
    const actions = (await database.db.select().from(auditLog).where(eq(auditLog.conversationId, conversation.id))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["payment.created", "payment.declined", "payment.failed", "payment.paid"]));

    // Paid: the form refuses another attempt.
    await expect(payWithSandbox(database.db, { token, card: VISA_OK })).rejects.toMatchObject({ status: 409, reason: "payment.not_payable" });
  });

  it("two tabs paying at once capture once", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r } = await request(w, conversation.id);
    const token = tokenOf(r.payUrl);
    const results = await Promise.allSettled([payWithSandbox(database.db, { token, card: VISA_OK }), payWithSandbox(database.db, { token, card: VISA_OK })]);
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    expect(results.find((x) => x.status === "rejected")).toMatchObject({ reason: { status: 409 } });
    const detail = await getPaymentRequest(database.db, { workspaceId: w.workspace.id, id: r.id });
    expect(detail).toMatchObject({ status: "paid", amountCaptured: 9000 });
    const captured = await database.db.select().from(paymentEvents).where(and(eq(paymentEvents.paymentRequestId, r.id), eq(paymentEvents.type, "payment.captured")));
    expect(captured).toHaveLength(1);
  });

  it("webhooks: a bad signature is 400 and stores nothing; a replay changes nothing; an unknown request is stored and ignored; two captures at once apply once", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r } = await request(w, conversation.id);
    const event = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: r.id, providerRef: null, amount: 9000, currency: "EUR" } });
    const count = async () => (await database.db.select().from(paymentEvents)).length;
    const before = await count();

    const forged = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: r.id, providerRef: null, amount: 9000, currency: "EUR" } }, new Date(), "not-the-secret-0123456789");
    await expect(receivePaymentWebhook(database.db, { provider: "sandbox", rawBody: forged.body, headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: forged.signature }) })).rejects.toMatchObject({ status: 400 });
    await expect(receivePaymentWebhook(database.db, { provider: "sandbox", rawBody: event.body.replace("9000", "1"), headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: event.signature }) })).rejects.toMatchObject({ status: 400 });
    await expect(receivePaymentWebhook(database.db, { provider: "sandbox", rawBody: event.body, headers: new Headers() })).rejects.toMatchObject({ status: 400 });
    const stale = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: r.id, providerRef: null, amount: 9000, currency: "EUR" } }, new Date(Date.now() - 3600_000));
    await expect(receivePaymentWebhook(database.db, { provider: "sandbox", rawBody: stale.body, headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: stale.signature }) })).rejects.toMatchObject({ status: 400 });
    expect(await count()).toBe(before);

    // Two different capture events for the same request at once (two tabs at a real provider).
    const other = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: r.id, providerRef: null, amount: 9000, currency: "EUR" } });
    const deliver = (e: { body: string; signature: string }) => receivePaymentWebhook(database.db, { provider: "sandbox", rawBody: e.body, headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: e.signature }) });
    const [a, b] = await Promise.all([deliver(event), deliver(other)]);
    expect([a.events[0]!.outcome, b.events[0]!.outcome].sort()).toEqual(["applied", "ignored:payment.already_paid"]);
    const replay = await deliver(event);
    expect(replay.events[0]!.outcome).toBe("replay");
    expect(await count()).toBe(before + 2);
    const detail = await getPaymentRequest(database.db, { workspaceId: w.workspace.id, id: r.id });
    expect(detail).toMatchObject({ status: "paid", amountCaptured: 9000 });
    const paidAudits = await database.db.select().from(auditLog).where(and(eq(auditLog.conversationId, conversation.id), eq(auditLog.action, "payment.paid")));
    expect(paidAudits).toHaveLength(1);

    const unknown = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: randomUUID(), providerRef: null, amount: 9000, currency: "EUR" } });
    expect((await deliver(unknown)).events[0]!.outcome).toBe("ignored:unknown_request");
    expect(await count()).toBe(before + 3);
  });

  it("limits card attempts per link", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const { request: r } = await request(w, conversation.id);
    const token = tokenOf(r.payUrl);
    for (let i = 0; i < 10; i++) await payWithSandbox(database.db, { token, card: VISA_DECLINED });
    await expect(payWithSandbox(database.db, { token, card: VISA_OK })).rejects.toMatchObject({ status: 429 });
  });
});

describe(`listing (${testDbKind()})`, () => {
  it("filters, pages by keyset and totals per status and currency, only within the workspace", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(10);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await request(w, conversation.id, { lineItems: [{ name: "Bag", quantity: 1, unitAmount: 1000 * (i + 1) }] })).request.id);
    await payWithSandbox(database.db, { token: tokenOf((await getPaymentRequest(database.db, { workspaceId: w.workspace.id, id: ids[0]! })).payUrl), card: VISA_OK });
    const ws = w.workspace.id;
    const p1 = await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 2 } });
    expect(p1.items.map((i) => i.id)).toEqual([ids[4], ids[3]]);
    expect(p1.totals).toEqual([
      { status: "paid", currency: "EUR", count: 1, amountTotal: 1000, amountCaptured: 1000, amountRefunded: 0 },
      { status: "pending", currency: "EUR", count: 4, amountTotal: 14000, amountCaptured: 0, amountRefunded: 0 },
    ]);
    const p2 = await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 2, cursor: p1.nextCursor! } });
    const p3 = await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 2, cursor: p2.nextCursor! } });
    expect([...p2.items, ...p3.items].map((i) => i.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect(p3.nextCursor).toBeNull();
    expect((await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 50, status: "paid" } })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 50, agentId: w.agent.userId, conversationId: conversation.id } })).items).toHaveLength(5);
    expect((await listPaymentRequests(database.db, { workspaceId: ws, input: { limit: 50, from: new Date(Date.now() + 60_000).toISOString() } })).items).toHaveLength(0);
    const outsider = await makeWorkspace(database.db, "Outsider");
    expect((await listPaymentRequests(database.db, { workspaceId: outsider.workspace.id, input: { limit: 50 } })).items).toHaveLength(0);
    await expect(getPaymentRequest(database.db, { workspaceId: outsider.workspace.id, id: ids[0]! })).rejects.toMatchObject({ status: 404 });
    expect(actorOf(await makeUser(database.db, ws, "lead")).role).toBe("lead");
  });
});
