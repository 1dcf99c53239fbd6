import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, messages, paymentRefunds } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { lockConversation } from "@/lib/conversations/mutations";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { linkPaymentMessage } from "./card";
import { cancelPaymentRequest } from "./cancel";
import { createPaymentRequest } from "./create";
import { expirePaymentRequests } from "./expire";
import { payTokenOfRow } from "./dto";
import { SANDBOX_SIGNATURE_HEADER, signSandboxEvent } from "./providers/sandbox";
import { getPaymentRequest, getPublicPaymentView } from "./queries";
import { approveRefund, declineRefund, refundPaymentRequest } from "./refunds";
import { payWithSandboxCard } from "./sandbox-pay";
import { createPaymentRequestSchema } from "./schemas";
import { receiveProviderWebhook } from "./webhook";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const VISA_OK = { cardNumber: "4242424242424242", expiry: "12/34", cvc: "123", name: "Ada" };

async function world() {
  const db = database.db;
  const ws = await makeWorkspace(db);
  const agent = actorOf(await makeUser(db, ws.workspace.id, "agent"));
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
  const admin = actorOf(await makeUser(db, ws.workspace.id, "admin"));
  const { conversation } = await makeConversation(db, ws);
  const create = (over: Record<string, unknown> = {}, now = new Date()) =>
    db.transaction(async (tx) => {
      const conv = await lockConversation(tx, ws.workspace.id, conversation.id);
      const input = createPaymentRequestSchema.parse({ conversationId: conversation.id, currency: "EUR", lineItems: [{ name: "Upgrade", quantity: 1, unitAmount: 9000 }], description: "Upgrade", ...over });
      return (await createPaymentRequest(tx, { actor: agent, conv, input, idempotencyKey: randomUUID(), requestHash: "h", now })).row;
    });
  const pay = async (id: string) => {
    const detail = await getPaymentRequest(db, { workspaceId: ws.workspace.id, id });
    return payWithSandboxCard(db, { token: detail.payUrl.split("/pay/")[1]!, card: VISA_OK });
  };
  return { db, ws, agent, lead, admin, conversation, create, pay };
}

describe(`cancel (${testDbKind()})`, () => {
  it("cancels a pending request once; a paid or cancelled one is 409; another workspace's is 404", async () => {
    const w = await world();
    const r = await w.create();
    const cancelled = await cancelPaymentRequest(w.db, { actor: w.agent, id: r.id });
    expect(cancelled).toMatchObject({ status: "cancelled" });
    await expect(cancelPaymentRequest(w.db, { actor: w.agent, id: r.id })).rejects.toMatchObject({ status: 409, reason: "payment.cancelled" });
    const p = await w.create();
    await w.pay(p.id);
    await expect(cancelPaymentRequest(w.db, { actor: w.lead, id: p.id })).rejects.toMatchObject({ status: 409, reason: "payment.already_paid" });
    const other = await makeWorkspace(w.db, "Other");
    const outsider = actorOf(await makeUser(w.db, other.workspace.id, "admin"));
    await expect(cancelPaymentRequest(w.db, { actor: outsider, id: p.id })).rejects.toMatchObject({ status: 404 });
    // A cancelled link cannot be paid.
    await expect(w.pay(r.id)).rejects.toMatchObject({ status: 409, reason: "payment.not_payable" });
    const audit = await w.db.select().from(auditLog).where(and(eq(auditLog.conversationId, w.conversation.id), eq(auditLog.action, "payment.cancelled")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: w.agent.userId, data: { amountTotal: 9000 } });
  });

  it("the card message follows the request live (payload.payment.status)", async () => {
    const w = await world();
    const r = await w.create();
    const [m] = await w.db
      .insert(messages)
      .values({ workspaceId: w.ws.workspace.id, conversationId: w.conversation.id, channelId: w.ws.channel.id, direction: "outbound", authorType: "agent", kind: "interactive", text: "Pay", payload: { interactive: { type: "cta_url" } }, status: "queued" })
      .returning();
    await linkPaymentMessage(w.db, { workspaceId: w.ws.workspace.id, paymentRequestId: r.id, messageId: m!.id });
    await cancelPaymentRequest(w.db, { actor: w.agent, id: r.id });
    const [after] = await w.db.select().from(messages).where(eq(messages.id, m!.id));
    expect(after!.payload).toMatchObject({ interactive: { type: "cta_url" }, payment: { id: r.id, status: "cancelled", amountTotal: 9000 } });
  });
});

describe(`refunds (${testDbKind()})`, () => {
  it("an agent's refund waits for a lead; the lead approves; never more than captured; a lead's goes straight through", async () => {
    const w = await world();
    const r = await w.create();
    await expect(refundPaymentRequest(w.db, { actor: w.lead, id: r.id, input: { reason: "x" }, idempotencyKey: "k0" })).rejects.toMatchObject({ status: 409, reason: "payment.not_refundable" });
    await w.pay(r.id);

    const asked = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 3000, reason: "Seat not available" }, idempotencyKey: "k1" });
    expect(asked).toMatchObject({ created: true, refund: { status: "requested", amount: 3000, requestedBy: w.agent.userId }, request: { status: "paid", amountRefunded: 0 } });
    // Same key, same body: the same refund; same key, other body: 409.
    expect(await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 3000, reason: "Seat not available" }, idempotencyKey: "k1" })).toMatchObject({ created: false, refund: { id: asked.refund.id } });
    await expect(refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 2000, reason: "Seat not available" }, idempotencyKey: "k1" })).rejects.toMatchObject({ status: 409 });
    // The waiting 30.00 counts: 60.01 more would exceed the 90.00 captured.
    await expect(refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 6001, reason: "Too much" }, idempotencyKey: "k2" })).rejects.toMatchObject({ status: 409, reason: "payment.refund_too_large" });

    const approved = await approveRefund(w.db, { actor: w.lead, id: r.id, refundId: asked.refund.id });
    expect(approved).toMatchObject({ refund: { status: "succeeded", decidedBy: w.lead.userId }, request: { status: "partially_refunded", amountRefunded: 3000, amountRefundable: 6000 } });
    await expect(approveRefund(w.db, { actor: w.lead, id: r.id, refundId: asked.refund.id })).rejects.toMatchObject({ status: 409, reason: "payment.refund_not_waiting" });

    const second = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 1000, reason: "Goodwill" }, idempotencyKey: "k3" });
    const declined = await declineRefund(w.db, { actor: w.admin, id: r.id, refundId: second.refund.id });
    expect(declined).toMatchObject({ refund: { status: "declined" }, request: { amountRefunded: 3000 } });

    // The lead refunds the rest directly (no amount: everything still refundable).
    const rest = await refundPaymentRequest(w.db, { actor: w.lead, id: r.id, input: { reason: "Flight cancelled" }, idempotencyKey: "k4" });
    expect(rest).toMatchObject({ refund: { status: "succeeded", amount: 6000 }, request: { status: "refunded", amountRefunded: 9000, amountRefundable: 0 } });
    await expect(refundPaymentRequest(w.db, { actor: w.lead, id: r.id, input: { amount: 1, reason: "More" }, idempotencyKey: "k5" })).rejects.toMatchObject({ status: 409 });

    const detail = await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id });
    expect(detail.refunds.map((x) => [x.amount, x.status])).toEqual([[3000, "succeeded"], [1000, "declined"], [6000, "succeeded"]]);
    const actions = (await w.db.select().from(auditLog).where(eq(auditLog.conversationId, w.conversation.id))).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("refund.") || a === "payment.refunded").sort()).toEqual(
      ["payment.refunded", "payment.refunded", "refund.approved", "refund.declined", "refund.requested", "refund.requested", "refund.requested"].sort(),
    );
    const rows = await w.db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentRequestId, r.id));
    expect(rows.reduce((s, x) => s + (x.status === "succeeded" ? x.amount : 0), 0)).toBe(9000);
  });

  it("two approvals at once never refund more than captured", async () => {
    const w = await world();
    const r = await w.create();
    await w.pay(r.id);
    const a = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 5000, reason: "a" }, idempotencyKey: "a" });
    const b = await refundPaymentRequest(w.db, { actor: w.agent, id: r.id, input: { amount: 4000, reason: "b" }, idempotencyKey: "b" });
    await Promise.all([approveRefund(w.db, { actor: w.lead, id: r.id, refundId: a.refund.id }), approveRefund(w.db, { actor: w.admin, id: r.id, refundId: b.refund.id })]);
    const detail = await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id });
    expect(detail).toMatchObject({ status: "refunded", amountRefunded: 9000 });
  });
});

describe(`expiry (${testDbKind()})`, () => {
  it("expires pending requests past expires_at once, never a paid one", async () => {
    const w = await world();
    const now = new Date();
    const due = await w.create({ expiresAt: new Date(now.getTime() + 2 * 60_000).toISOString() }, now);
    const later = await w.create({}, now);
    const paid = await w.create({ expiresAt: new Date(now.getTime() + 2 * 60_000).toISOString() }, now);
    await w.pay(paid.id);
    const at = new Date(now.getTime() + 3 * 60_000);
    expect(await expirePaymentRequests(w.db, at)).toBeGreaterThanOrEqual(1);
    expect(await expirePaymentRequests(w.db, at)).toBe(0);
    const get = (id: string) => getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id });
    expect(await get(due.id)).toMatchObject({ status: "expired" });
    expect(await get(later.id)).toMatchObject({ status: "pending" });
    expect(await get(paid.id)).toMatchObject({ status: "paid" });
    const events = await w.db.select().from(messages).where(and(eq(messages.conversationId, w.conversation.id), eq(messages.kind, "event")));
    expect(events.some((e) => e.text === `The payment request ${due.reference} expired`)).toBe(true);
  });

  it("a payment charged at the instant of expiry ends paid even when the expiry job got there first; a later one does not", async () => {
    const w = await world();
    const now = new Date();
    const expiresAt = new Date(Math.ceil((now.getTime() + 2 * 60_000) / 1000) * 1000);
    const r = await w.create({ expiresAt: expiresAt.toISOString() }, now);
    const late = await w.create({ expiresAt: expiresAt.toISOString() }, now);
    await expirePaymentRequests(w.db, new Date(expiresAt.getTime() + 500));
    const deliver = (id: string, chargedAt: Date) => {
      const e = signSandboxEvent({ type: "payment.captured", data: { paymentRequestId: id, providerRef: null, amount: 9000, currency: "EUR" } }, chargedAt);
      return receiveProviderWebhook(w.db, { provider: "sandbox", rawBody: e.body, headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: e.signature }), now: new Date(expiresAt.getTime() + 1000) });
    };
    expect((await deliver(r.id, expiresAt)).events[0]!.outcome).toBe("applied");
    expect((await deliver(late.id, new Date(expiresAt.getTime() + 1000))).events[0]!.outcome).toBe("ignored:payment.expired");
    expect(await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: r.id })).toMatchObject({ status: "paid", amountCaptured: 9000 });
    expect(await getPaymentRequest(w.db, { workspaceId: w.ws.workspace.id, id: late.id })).toMatchObject({ status: "expired" });
    // The pay page of an expired request is closed even before the job runs.
    const fresh = await w.create({ expiresAt: new Date(Date.now() + 62_000).toISOString() });
    const view = await getPublicPaymentView(w.db, { token: payTokenOfRow(fresh), now: new Date(Date.now() + 63_000) });
    expect(view).toMatchObject({ status: "expired", payable: false });
  });
});
