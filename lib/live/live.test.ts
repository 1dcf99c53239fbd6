import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeTeam, makeUser, makeWorkspace } from "@/lib/testing/factories";
import type { Actor } from "@/lib/auth/actor";
import { createBus } from "@/lib/realtime/bus";
import { publishEvent } from "@/lib/realtime/events";
import { updateConversation } from "@/lib/conversations/mutations";
import { findConversations, getConversation } from "@/lib/conversations/queries";
import { countViews } from "@/lib/conversations/view-counts";
import { createReply } from "@/lib/messages/reply";
import { findMessages } from "@/lib/messages/queries";
import { payWithSandbox, requestPayment } from "@/lib/messages/payment-request-reply";
import { getPaymentRequest } from "@/lib/payments/queries";
import { approveRefund, refundPaymentRequest } from "@/lib/payments/refunds";
import { createPaymentRequestSchema } from "@/lib/payments/schemas";
import { createLiveHub, type LiveHub } from "./hub";
import type { LiveFrame } from "./frame";
import { until } from "@/lib/testing/until";

let database: TestDatabase;
let hub: LiveHub;
beforeAll(async () => {
  database = await createTestDatabase();
  const bus = createBus(async () => database);
  hub = createLiveHub({ getDb: async () => database.db, subscribe: bus.subscribe });
});
afterAll(async () => {
  await database?.close();
});

type Heard = { event: "live" | "resync"; seq: number; frame: LiveFrame };

/** A stream as the hub sees it, recording what it is sent. */
async function listen(actor: Actor) {
  const heard: Heard[] = [];
  let seq = 0;
  const leave = await hub.join({
    actor,
    send(event, data) {
      seq += 1;
      heard.push({ event, seq, frame: JSON.parse(data(seq)) as LiveFrame });
    },
  });
  return { heard, leave };
}


describe("live hub", () => {
  it("hands a committed reply, hydrated as the GET routes return it, to the streams of its workspace only", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const other = await makeWorkspace(db, "Other Air");
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const colleague = actorOf(await makeUser(db, ws.workspace.id));
    const stranger = actorOf(await makeUser(db, other.workspace.id, "admin"));
    const { conversation } = await makeConversation(db, ws, { lastInboundAt: new Date() });

    const mine = await listen(colleague);
    const theirs = await listen(stranger);
    try {
      const { id } = await createReply(db, agent, conversation.id, { text: "Il volo è confermato.", clientMessageId: "bench-12345678" });
      await until("the expected state", () => mine.heard.some((h) => h.frame.messages.some((m) => m.id === id)));

      const frames = mine.heard.map((h) => h.frame);
      const thread = await findMessages(db, ws.workspace.id, conversation.id, { limit: 10 });
      const sent = frames.flatMap((f) => f.messages).find((m) => m.id === id);
      expect(sent).toEqual(thread.items.find((m) => m.id === id));
      // The auto-assignment note is a message of the same transaction, in the same frame.
      expect(frames.flatMap((f) => f.messages).map((m) => m.kind).sort()).toEqual(["event", "text"]);

      const list = await findConversations(db, ws.workspace.id, colleague.userId, { view: "all", limit: 40 });
      const row = frames.flatMap((f) => f.conversations).findLast((c) => c.id === conversation.id);
      expect(row).toEqual(list.items.find((c) => c.id === conversation.id));
      expect(frames.flatMap((f) => f.details).findLast((d) => d.id === conversation.id)).toEqual(await getConversation(db, ws.workspace.id, conversation.id));
      expect(frames.findLast((f) => f.counts)?.counts).toEqual(await countViews(db, ws.workspace.id, colleague.userId));

      expect(mine.heard.map((h) => h.seq)).toEqual(mine.heard.map((_, i) => i + 1));
      await new Promise((r) => setTimeout(r, 200));
      expect(theirs.heard).toEqual([]);
    } finally {
      mine.leave();
      theirs.leave();
    }
  });

  it("gathers a burst into few frames and sends counts only to users whose counts changed", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const team = await makeTeam(db, ws.workspace.id);
    const convs = await Promise.all(Array.from({ length: 5 }, () => makeConversation(db, ws)));
    const a = await listen(agent);
    const l = await listen(lead);
    try {
      // One transaction, five events: one read, one frame.
      await db.transaction(async (tx) => {
        for (const c of convs) await publishEvent(tx, { type: "conversation.updated", workspaceId: ws.workspace.id, conversationId: c.conversation.id, fields: ["priority"] });
      });
      await until("the expected state", () => a.heard.length >= 1 && l.heard.length >= 1);
      await new Promise((r) => setTimeout(r, 100));
      expect(a.heard).toHaveLength(1);
      expect(a.heard[0]!.frame.details.map((d) => d.id).sort()).toEqual(convs.map((c) => c.conversation.id).sort());

      // Assigning to the agent changes the agent's "mine" and both users' "unassigned".
      await updateConversation(db, lead, convs[0]!.conversation.id, { assigneeId: agent.userId, teamId: team.id });
      await until("the expected state", () => a.heard.length >= 2 && l.heard.length >= 2);
      expect(a.heard[1]!.frame.counts).toEqual(await countViews(db, ws.workspace.id, agent.userId));
      expect(l.heard[1]!.frame.counts).toEqual(await countViews(db, ws.workspace.id, lead.userId));
      expect(a.heard[1]!.frame.counts!.teams[team.id]).toBe(1);

      // A priority change leaves everyone's counts as they were: the frame carries none.
      await updateConversation(db, lead, convs[1]!.conversation.id, { priority: "high" });
      await until("the expected state", () => a.heard.length >= 3);
      expect(a.heard[2]!.frame.counts).toBeUndefined();
    } finally {
      a.leave();
      l.leave();
    }
  });

  it("reports a conversation that no longer exists as gone", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const s = await listen(agent);
    try {
      const ghost = "00000000-0000-4000-8000-000000000999";
      await publishEvent(db, { type: "conversation.updated", workspaceId: ws.workspace.id, conversationId: ghost, fields: ["status"] });
      await until("the expected state", () => s.heard.length >= 1);
      expect(s.heard[0]!.frame).toMatchObject({ gone: [ghost], conversations: [], details: [] });
    } finally {
      s.leave();
    }
  });

  it("hands every change of a payment request (the card's message and the request with its refunds) to the workspace's streams", async () => {
    const db = database.db;
    const ws = await makeWorkspace(db);
    const agent = actorOf(await makeUser(db, ws.workspace.id));
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    const { conversation } = await makeConversation(db, ws, { lastInboundAt: new Date() });
    const s = await listen(lead);
    const paymentsHeard = () => s.heard.flatMap((h) => h.frame.payments ?? []);
    try {
      const input = createPaymentRequestSchema.parse({ conversationId: conversation.id, currency: "EUR", lineItems: [{ name: "Seat upgrade", quantity: 1, unitAmount: 9000 }], description: "Seat upgrade" });
      const { request } = await requestPayment(db, agent, { input, idempotencyKey: "live-1" });
      await until("the expected state", () => paymentsHeard().some((p) => p.id === request.id && p.messageId !== null));
      // The card's message carries the snapshot; the request comes whole, as GET /api/payment-requests/:id.
      const card = s.heard.flatMap((h) => h.frame.messages).findLast((m) => m.id === request.messageId);
      expect(card?.payload).toMatchObject({ payment: { id: request.id, status: "pending" } });
      expect(paymentsHeard().findLast((p) => p.id === request.id)).toEqual(await getPaymentRequest(db, { workspaceId: ws.workspace.id, id: request.id }));

      await payWithSandbox(db, { token: request.payUrl.split("/pay/")[1]!, card: { cardNumber: "4242424242424242", expiry: "12/34", cvc: "123", name: "Ada" } });
      await until("the expected state", () => paymentsHeard().some((p) => p.id === request.id && p.status === "paid"));

      // An agent's refund request changes no status, yet every card learns it waits for approval.
      const asked = await refundPaymentRequest(db, { actor: agent, id: request.id, input: { amount: 4000, reason: "Seat not available" }, idempotencyKey: "live-r1" });
      await until("the expected state", () => paymentsHeard().some((p) => p.refunds.some((r) => r.id === asked.refund.id && r.status === "requested")));
      await approveRefund(db, { actor: lead, id: request.id, refundId: asked.refund.id });
      await until("the expected state", () => paymentsHeard().some((p) => p.status === "partially_refunded" && p.refunds.some((r) => r.id === asked.refund.id && r.status === "succeeded")));
      expect(s.heard.flatMap((h) => h.frame.messages).findLast((m) => m.id === request.messageId)?.payload).toMatchObject({ payment: { status: "partially_refunded", amountRefunded: 4000 } });
    } finally {
      s.leave();
    }
  });
});
