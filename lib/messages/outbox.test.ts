import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { and } from "drizzle-orm";
import { auditLog, contacts, conversations, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createReply } from "@/lib/messages/reply";
import { retryMessage } from "@/lib/messages/retry";
import { handleSendJob } from "@/lib/messages/outbox";
import { SendError } from "@/lib/whatsapp/graph-client";
import { findReadReceiptTarget } from "@/lib/messages/read-receipt";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

async function reply(w: OutboxWorld, text = "Certo, controllo subito il suo volo.") {
  const { conversation, contact } = await w.customer();
  const { id } = await createReply(database.db, w.agent, conversation.id, { text });
  return { id, conversation, contact };
}

async function insertOutbound(w: OutboxWorld, conversationId: string, values: Partial<typeof messages.$inferInsert>) {
  const [row] = await database.db
    .insert(messages)
    .values({ workspaceId: w.workspace.id, conversationId, channelId: w.channel.id, direction: "outbound", authorType: "agent", kind: "text", status: "queued", ...values })
    .returning({ id: messages.id });
  return row!.id;
}

describe("handleSendJob: success", () => {
  it("sends the exact Cloud API body, stores the wamid and `sent`, then applies the fake's signed statuses", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id, contact } = await reply(w, "Il volo AZ 610 è in orario ✈️");
    const result = await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    expect(result.outcome).toBe("sent");

    const inbox = w.fake.engine.inboxOf(contact.waId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ type: "text", content: { body: "Il volo AZ 610 è in orario ✈️", preview_url: false }, bizOpaque: id });
    const sent = await w.message(id);
    expect(sent).toMatchObject({ status: "sent", providerMessageId: inbox[0]!.wamid, sendAttempts: 1, error: null, payload: null });
    expect(sent.sentAt).toBeInstanceOf(Date);

    await w.fake.idle();
    expect(w.received.map((r) => r.valid)).toEqual([true, true]);
    expect(w.received.map((r) => JSON.parse(r.body).entry[0].changes[0].value.statuses[0])).toMatchObject([
      { status: "sent", biz_opaque_callback_data: id, recipient_id: contact.waId },
      { status: "delivered", biz_opaque_callback_data: id },
    ]);
    expect(await w.message(id)).toMatchObject({ status: "delivered" });
    // Done is done: a duplicate job does nothing.
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toEqual({ outcome: "skipped", reason: "status is delivered" });
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1);
  });

  it("quotes the customer's message by its wamid", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation, contact } = await w.customer();
    const [quoted] = await database.db
      .insert(messages)
      .values({ workspaceId: w.workspace.id, conversationId: conversation.id, channelId: w.channel.id, direction: "inbound", authorType: "customer", kind: "text", text: "Seat?", providerMessageId: "wamid.CUSTOMER1" })
      .returning({ id: messages.id });
    const { id } = await createReply(database.db, w.agent, conversation.id, { text: "12A", replyToMessageId: quoted!.id });
    await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    expect(w.fake.engine.inboxOf(contact.waId)[0]!.contextId).toBe("wamid.CUSTOMER1");
  });
});

describe("handleSendJob: transient errors retry, then succeed", () => {
  it.each([[130429], [131056], [500], [503], ["network" as const]])("%s twice, then sent once", async (code) => {
    const w = await makeOutboxWorld(database.db);
    const { id, contact } = await reply(w);
    w.fake.engine.addFault({ code, times: 2 });
    for (let i = 0; i < 2; i++) {
      const err = await handleSendJob(database.db, w.cfg, id, w.fetchImpl).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SendError);
      expect(err).toMatchObject({ transient: true, uncertain: false });
      const row = await w.message(id);
      expect(row).toMatchObject({ status: "queued", sendAttempts: i + 1 });
      expect((row.sendState as { attemptStartedAt?: string }).attemptStartedAt).toBeUndefined();
    }
    expect((await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).outcome).toBe("sent");
    expect(await w.message(id)).toMatchObject({ status: "sent", sendAttempts: 3, error: null });
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1);
  });

  it("marks failed with human words after the last retry", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id } = await reply(w);
    w.fake.engine.addFault({ code: 503, times: 1 });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl, { isLastAttempt: true })).toMatchObject({ outcome: "failed" });
    const row = await w.message(id);
    expect(row.status).toBe("failed");
    expect(row.error?.message).toMatch(/could not be reached after 1 attempt/);
  });
});

describe("handleSendJob: permanent errors fail at once", () => {
  const cases: [string, (w: OutboxWorld) => Promise<string>, number | string, RegExp][] = [
    ["131047 from the API", async (w) => { w.fake.engine.addFault({ code: 131047, times: 1 }); return (await reply(w)).id; }, 131047, /24 hours/],
    ["131026 undeliverable", async (w) => { const r = await reply(w); w.fake.engine.addFault({ code: 131026, times: 1, recipient: r.contact.waId }); return r.id; }, 131026, /not be on WhatsApp/],
    ["132001 unknown template", async (w) => {
      const { conversation } = await w.customer();
      return insertOutbound(w, conversation.id, { kind: "template", payload: { template: { name: "no_such_template", language: { code: "en_US" } } } });
    }, 132001, /template does not exist/],
    ["190 expired token", async (w) => { w.fake.engine.addFault({ code: 190, times: 1 }); return (await reply(w)).id; }, 190, /access token/],
    ["400 #100 invalid parameter", async (w) => {
      const { conversation } = await w.customer();
      return insertOutbound(w, conversation.id, { text: "x".repeat(4097) });
    }, 100, /WhatsApp could not deliver this message: Param text/],
  ];

  it.each(cases)("%s", async (_name, setup, code, words) => {
    const w = await makeOutboxWorld(database.db);
    const id = await setup(w);
    const result = await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    expect(result.outcome).toBe("failed");
    const row = await w.message(id);
    expect(row).toMatchObject({ status: "failed", sendAttempts: 1, providerMessageId: null, sendState: null });
    expect(row.error).toMatchObject({ code });
    expect(row.error!.message).toMatch(words);
    // No retry: the next job finds it failed and leaves it.
    expect((await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).outcome).toBe("skipped");
    expect(w.graphCalls()).toBe(1);
    expect(w.fake.engine.sent).toHaveLength(0);
  });
});

describe("24-hour window", () => {
  it("createReply refuses free text after 24 hours (409) and the outbox fails a stale queued reply without calling WhatsApp", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation } = await w.customer(25 * 60);
    await expect(createReply(database.db, w.agent, conversation.id, { text: "Hello?" })).rejects.toMatchObject({
      code: "conflict",
      status: 409,
      message: "More than 24 hours have passed since the customer last wrote. Send an approved template to reopen the conversation.",
    });
    const id = await insertOutbound(w, conversation.id, { text: "queued before the window closed" });
    expect(await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).toMatchObject({ outcome: "failed", error: { code: 131047 } });
    expect(w.graphCalls()).toBe(0);
    expect(await w.message(id)).toMatchObject({ status: "failed", sendAttempts: 0 });
  });

  it("the fake enforces it too: free text to a customer who never wrote is 131047, a template goes through", async () => {
    const w = await makeOutboxWorld(database.db);
    const { conversation, contact } = await w.customer();
    w.fake.engine.customers.delete(contact.waId); // the fake never heard from this customer
    const text = await insertOutbound(w, conversation.id, { text: "Hi" });
    expect(await handleSendJob(database.db, w.cfg, text, w.fetchImpl)).toMatchObject({ outcome: "failed", error: { code: 131047 } });
    const template = await insertOutbound(w, conversation.id, {
      kind: "template",
      payload: { template: { name: "hello_world", language: { code: "en_US" } } },
    });
    expect((await handleSendJob(database.db, w.cfg, template, w.fetchImpl)).outcome).toBe("sent");
  });
});

describe("retry", () => {
  it("puts a failed message back in the outbox and it is really sent again", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id, conversation, contact } = await reply(w);
    w.fake.engine.addFault({ code: 131026, times: 1 });
    await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    expect((await w.message(id)).status).toBe("failed");

    expect(await retryMessage(database.db, w.agent, conversation.id, id)).toEqual({ id });
    const queued = await w.message(id);
    expect(queued).toMatchObject({ status: "queued", error: null });
    expect(queued.payload?.failures).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 131026 }) })]);
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.conversationId, conversation.id));
    expect(audit.map((a) => a.action)).toContain("message.retried");

    expect((await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).outcome).toBe("sent");
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1);
    expect(await w.message(id)).toMatchObject({ status: "sent", sendAttempts: 2 });
  });

  it("answers 409 for messages that are not failed, 404 across workspaces, 409 once the window closed", async () => {
    const w = await makeOutboxWorld(database.db);
    const { id, conversation } = await reply(w);
    await expect(retryMessage(database.db, w.agent, conversation.id, id)).rejects.toMatchObject({ status: 409 });
    await handleSendJob(database.db, w.cfg, id, w.fetchImpl);
    await expect(retryMessage(database.db, w.agent, conversation.id, id)).rejects.toMatchObject({ status: 409 });

    const other = await makeOutboxWorld(database.db);
    await expect(retryMessage(database.db, other.agent, conversation.id, id)).rejects.toMatchObject({ status: 404 });

    const { conversation: stale } = await w.customer(25 * 60);
    const failed = await insertOutbound(w, stale.id, { status: "failed", error: { code: 131026, title: "x", message: "x" } });
    await expect(retryMessage(database.db, w.agent, stale.id, failed)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/24 hours/) });
  });
});

describe("the whole loop through the fake", () => {
  it("customer writes (signed webhook) → agent replies → sent, delivered → customer reads → read; read receipt targets their message", async () => {
    const w = await makeOutboxWorld(database.db);
    const waId = "393401112233";
    const inbound = await w.fake.engine.customerSends(waId, { profileName: "Giulia Rossi", text: "Non trovo la carta d'imbarco" });
    expect(inbound.webhookStatus).toBe(200);
    const [conv] = await database.db
      .select({ id: conversations.id })
      .from(conversations)
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(and(eq(contacts.workspaceId, w.workspace.id), eq(contacts.waId, waId)));
    expect(conv).toBeDefined();

    const { id } = await createReply(database.db, w.agent, conv!.id, { text: "Gliela rimando subito." });
    expect((await handleSendJob(database.db, w.cfg, id, w.fetchImpl)).outcome).toBe("sent");
    await w.fake.idle();
    expect((await w.message(id)).status).toBe("delivered");
    w.fake.engine.customerReads(waId);
    await w.fake.idle();
    const read = await w.message(id);
    expect(read.status).toBe("read");
    expect(read.readAt).toBeInstanceOf(Date);
    expect(w.received.every((r) => r.valid)).toBe(true);

    expect(await findReadReceiptTarget(database.db, w.workspace.id, conv!.id)).toEqual({ wamid: inbound.wamid, phoneNumberId: w.channel.phoneNumberId });
  });
});
