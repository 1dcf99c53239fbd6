import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { contacts, conversations, messages, webhookEvents } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { MAX_WEBHOOK_ATTEMPTS, processPendingWebhookEvents, processWebhookEvent } from "@/lib/ingest/process-webhook";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";
import { ingest, notification, seedChannel, seedOutbound, statusUpdate, textMessage, type Seed } from "@/lib/ingest/test-helpers";

const T0 = 1_764_000_000; // 2025-11-24T16:00:00Z

describe(`processing webhook events (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;
  let seed: Seed;
  let waSeq = 0;
  const newWaId = () => `3900000${String(++waSeq).padStart(5, "0")}`;

  const messagesOf = (waId: string) =>
    db
      .select({ m: messages, c: conversations })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(contacts, eq(contacts.id, conversations.contactId))
      .where(eq(contacts.waId, waId));
  const conversationsOf = async (waId: string) => {
    const [c] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.waId, waId));
    return c ? db.select().from(conversations).where(eq(conversations.contactId, c.id)) : [];
  };
  const byWamid = async (wamid: string) => (await db.select().from(messages).where(and(eq(messages.channelId, seed.channelId), eq(messages.providerMessageId, wamid))))[0]!;
  const eventRow = async (id: number) => (await db.select().from(webhookEvents).where(eq(webhookEvents.id, id)))[0]!;

  beforeAll(async () => {
    // Injected failures are logged as retries / give-ups: expected here, noise in the output.
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    database = await createTestDatabase();
    db = database.db;
    seed = await seedChannel(db);
    await database.exec(`
      create function inject_failure() returns trigger language plpgsql as $$
      begin
        if new.provider_message_id like '%BOOM%' then raise exception 'injected failure'; end if;
        return new;
      end $$;
      create trigger inject_failure after insert on messages for each row execute function inject_failure();
    `);
  });
  afterAll(async () => database?.close());

  it("a duplicate delivery (same body twice) stores one message and bumps unread once", async () => {
    const wa = newWaId();
    const body = textMessage(wa, "wamid.DUP1", "hello", T0);
    await ingest(db, body, body);
    await ingest(db, body);
    const rows = await messagesOf(wa);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.c.unreadCount).toBe(1);
    const events = await db.select().from(webhookEvents).where(eq(webhookEvents.body, body));
    expect(events.map((e) => e.status)).toEqual(["processed", "processed", "processed"]);
  });

  it("concurrent processing of two first messages from a new customer never forks the conversation", async () => {
    const wa = newWaId();
    const stored = await storeWebhookEvents(db, [textMessage(wa, "wamid.C1", "one", T0), textMessage(wa, "wamid.C2", "two", T0 + 1), textMessage(wa, "wamid.C2", "two", T0 + 1)]);
    await Promise.all(stored.map((s) => processWebhookEvent(db, s.id)));
    const convs = await conversationsOf(wa);
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ unreadCount: 2, lastMessagePreview: "two" });
    expect(await messagesOf(wa)).toHaveLength(2);
  });

  it("parallel drains (several processes on Postgres) share the work: each event once, no forked conversations", async () => {
    const customers = Array.from({ length: 6 }, () => newWaId());
    const bodies = customers.flatMap((wa, c) => Array.from({ length: 5 }, (_, i) => textMessage(wa, `wamid.P${c}-${i}`, `m${i}`, T0 + i)));
    // Each first message twice, as Meta's retries would.
    bodies.push(...customers.map((wa, c) => textMessage(wa, `wamid.P${c}-0`, "m0", T0)));
    await storeWebhookEvents(db, bodies.sort(() => Math.random() - 0.5));
    const results = await Promise.all(Array.from({ length: 4 }, () => processPendingWebhookEvents(db)));
    // SKIP LOCKED: nobody claimed an event twice, and one event per transaction never deadlocks.
    expect(results.reduce((n, r) => n + r.claimed, 0)).toBe(bodies.length);
    expect(results.reduce((n, r) => n + r.failed, 0)).toBe(0);
    for (const wa of customers) {
      const convs = await conversationsOf(wa);
      expect(convs).toHaveLength(1);
      expect(convs[0]).toMatchObject({ unreadCount: 5, lastMessagePreview: "m4" });
      expect(await messagesOf(wa)).toHaveLength(5);
    }
  });

  it("an older message arriving late counts as unread but does not become the preview", async () => {
    const wa = newWaId();
    await ingest(db, textMessage(wa, "wamid.LATE2", "newer", T0 + 60));
    await ingest(db, textMessage(wa, "wamid.LATE1", "older", T0));
    const [conv] = await conversationsOf(wa);
    expect(conv).toMatchObject({ unreadCount: 2, lastMessagePreview: "newer" });
    expect(conv!.lastMessageAt.toISOString()).toBe(new Date((T0 + 60) * 1000).toISOString());
    expect(conv!.lastInboundAt!.toISOString()).toBe(new Date((T0 + 60) * 1000).toISOString());
    expect(conv!.waitingSince!.toISOString()).toBe(new Date((T0 + 60) * 1000).toISOString());
  });

  it("a resolved conversation stays resolved: the next message opens a new thread", async () => {
    const wa = newWaId();
    await ingest(db, textMessage(wa, "wamid.R1", "first issue", T0));
    const [first] = await conversationsOf(wa);
    await db.update(conversations).set({ status: "resolved", resolvedAt: new Date(), unreadCount: 0, waitingSince: null }).where(eq(conversations.id, first!.id));
    await ingest(db, textMessage(wa, "wamid.R2", "another issue", T0 + 3600));
    const convs = await conversationsOf(wa);
    expect(convs).toHaveLength(2);
    expect(convs.find((c) => c.id === first!.id)).toMatchObject({ status: "resolved", unreadCount: 0 });
    expect(convs.find((c) => c.id !== first!.id)).toMatchObject({ status: "open", unreadCount: 1, lastMessagePreview: "another issue" });
  });

  it("a snoozed or pending conversation wakes up (open) when the customer writes", async () => {
    for (const status of ["snoozed", "pending"] as const) {
      const wa = newWaId();
      await ingest(db, textMessage(wa, `wamid.W-${status}-1`, "hi", T0));
      const [conv] = await conversationsOf(wa);
      await db.update(conversations).set({ status, snoozedUntil: status === "snoozed" ? new Date(Date.now() + 86_400_000) : null }).where(eq(conversations.id, conv!.id));
      await ingest(db, textMessage(wa, `wamid.W-${status}-2`, "still there?", T0 + 60));
      expect((await conversationsOf(wa))[0]).toMatchObject({ status: "open", snoozedUntil: null, unreadCount: 2 });
    }
  });

  it("statuses only move forward, whatever order they arrive in", async () => {
    await seedOutbound(db, seed, newWaId(), ["wamid.S1", "wamid.S2", "wamid.S3"]);
    await ingest(db, statusUpdate("wamid.S1", "read", T0 + 30), statusUpdate("wamid.S1", "delivered", T0 + 20), statusUpdate("wamid.S1", "sent", T0 + 10));
    const s1 = await byWamid("wamid.S1");
    expect(s1.status).toBe("read");
    expect([s1.sentAt?.getTime(), s1.deliveredAt?.getTime(), s1.readAt?.getTime()]).toEqual([(T0 + 10) * 1000, (T0 + 20) * 1000, (T0 + 30) * 1000]);

    // failed does not undo a delivery…
    await ingest(db, statusUpdate("wamid.S2", "delivered", T0), statusUpdate("wamid.S2", "failed", T0 + 5, [{ code: 131026, title: "Message undeliverable" }]));
    expect(await byWamid("wamid.S2")).toMatchObject({ status: "delivered", error: null });
    // …but does replace sent, and a later proof of delivery clears it; a stale "sent" does not.
    await ingest(db, statusUpdate("wamid.S3", "failed", T0, [{ code: 999999, title: "Something odd", error_data: { details: "Odd details." } }]));
    expect(await byWamid("wamid.S3")).toMatchObject({ status: "failed", error: { code: 999999, title: "Something odd", message: "WhatsApp could not deliver this message: Odd details." } });
    await ingest(db, statusUpdate("wamid.S3", "sent", T0 - 5));
    expect((await byWamid("wamid.S3")).status).toBe("failed");
    await ingest(db, statusUpdate("wamid.S3", "delivered", T0 + 5));
    expect(await byWamid("wamid.S3")).toMatchObject({ status: "delivered", error: null });
  });

  it("a status for an unknown message, or to an unknown number, is ignored and the event still processed", async () => {
    const { stored } = await ingest(db, statusUpdate("wamid.NOPE", "delivered", T0));
    expect(await eventRow(stored[0]!.id)).toMatchObject({ status: "processed", attempts: 1 });
    expect((await eventRow(stored[0]!.id)).error).toContain("unknown message wamid.NOPE");

    const before = await db.select({ id: messages.id }).from(messages);
    const other = textMessage(newWaId(), "wamid.OTHERNUM", "hi", T0).replace('"phone_number_id":"106540352242922"', '"phone_number_id":"999"');
    const second = await ingest(db, other);
    expect(await eventRow(second.stored[0]!.id)).toMatchObject({ status: "processed", error: "unknown phone_number_id 999: ignored" });
    expect(await db.select({ id: messages.id }).from(messages)).toHaveLength(before.length);
  });

  it("crash safety: stored but unprocessed events are picked up later, in id order", async () => {
    const wa = newWaId();
    const stored = await storeWebhookEvents(db, [textMessage(wa, "wamid.K1", "one", T0), textMessage(wa, "wamid.K2", "two", T0 + 1), textMessage(wa, "wamid.K3", "three", T0 + 2)]);
    // …the process dies here: nothing processed yet.
    expect((await db.select().from(webhookEvents).where(inArray(webhookEvents.id, stored.map((s) => s.id)))).every((e) => e.status === "pending")).toBe(true);
    expect(await messagesOf(wa)).toHaveLength(0);
    // A new process starts and drains.
    const result = await processPendingWebhookEvents(db);
    expect(result).toMatchObject({ claimed: 3, processed: 3, failed: 0 });
    const rows = await messagesOf(wa);
    expect(rows.map((r) => r.m.text).sort()).toEqual(["one", "three", "two"]);
    expect(rows[0]!.c).toMatchObject({ unreadCount: 3, lastMessagePreview: "three" });
    expect(await processPendingWebhookEvents(db)).toMatchObject({ claimed: 0 });
    expect(await processWebhookEvent(db, stored[0]!.id)).toBe("skipped");
  });

  it("a failing item rolls back the whole event; it is retried, then left failed", async () => {
    const wa = newWaId();
    const body = notification({
      contacts: [{ profile: { name: "Boom" }, wa_id: wa }],
      messages: [
        { from: wa, id: "wamid.FINE", timestamp: String(T0), type: "text", text: { body: "fine" } },
        { from: wa, id: "wamid.BOOM", timestamp: String(T0 + 1), type: "text", text: { body: "boom" } },
      ],
    });
    const [ev] = await storeWebhookEvents(db, [body]);
    for (let i = 1; i <= MAX_WEBHOOK_ATTEMPTS; i++) {
      const outcome = await processWebhookEvent(db, ev!.id);
      expect(outcome).toBe(i < MAX_WEBHOOK_ATTEMPTS ? "retry" : "failed");
      expect(await eventRow(ev!.id)).toMatchObject({ status: i < MAX_WEBHOOK_ATTEMPTS ? "pending" : "failed", attempts: i });
    }
    expect((await eventRow(ev!.id)).error).toContain("injected failure");
    expect(await db.select().from(contacts).where(eq(contacts.waId, wa))).toHaveLength(0);
    expect(await byWamid("wamid.FINE")).toBeUndefined();
    expect(await processPendingWebhookEvents(db)).toMatchObject({ claimed: 0 }); // failed events are not retried automatically
  });

  it("a poisoned event in a batch costs its neighbours nothing: they are processed, it alone is retried", async () => {
    const wa = newWaId();
    await seedOutbound(db, seed, newWaId(), ["wamid.B-OUT"]);
    const bodies = [
      textMessage(wa, "wamid.B1", "before", T0),
      statusUpdate("wamid.B-OUT", "delivered", T0 + 1),
      textMessage(wa, "wamid.B-BOOM", "poison", T0 + 2),
      statusUpdate("wamid.B-OUT", "read", T0 + 3),
      textMessage(wa, "wamid.B2", "after", T0 + 4),
    ];
    const stored = await storeWebhookEvents(db, bodies);
    const result = await processPendingWebhookEvents(db, { batchSize: 10 });
    expect(result).toMatchObject({ claimed: 5, processed: 4, failed: 1 });
    const rows = await Promise.all(stored.map((s) => eventRow(s.id)));
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([["processed", 1], ["processed", 1], ["pending", 1], ["processed", 1], ["processed", 1]]);
    expect((await messagesOf(wa)).map((r) => r.m.text).sort()).toEqual(["after", "before"]);
    expect(await byWamid("wamid.B-OUT")).toMatchObject({ status: "read" });
    // The next drain runs the event that failed before on its own, so it cannot sink a batch again.
    await storeWebhookEvents(db, [textMessage(wa, "wamid.B3", "later", T0 + 5)]);
    expect(await processPendingWebhookEvents(db, { batchSize: 10 })).toMatchObject({ claimed: 2, processed: 1, failed: 1 });
    expect(await eventRow(stored[2]!.id)).toMatchObject({ status: "pending", attempts: 2 });
    expect((await messagesOf(wa)).map((r) => r.m.text).sort()).toEqual(["after", "before", "later"]);
    await db.update(webhookEvents).set({ status: "failed" }).where(eq(webhookEvents.id, stored[2]!.id)); // out of the next tests' drains
  });

  it("a drain whose batch size grows while batches come back full processes everything once, in growing transactions", async () => {
    const wa = newWaId();
    await storeWebhookEvents(db, Array.from({ length: 23 }, (_, i) => textMessage(wa, `wamid.G${i}`, `g${i}`, T0 + i)));
    const batches: [number, number][] = [];
    let next = 2;
    const result = await processPendingWebhookEvents(db, {
      batchSize: () => next,
      onBatch: (claimed, size) => {
        batches.push([claimed, size]);
        next = claimed >= size ? size * 2 : 2;
      },
    });
    expect(result).toMatchObject({ claimed: 23, processed: 23, failed: 0 });
    expect(batches).toEqual([[2, 2], [4, 4], [8, 8], [9, 16]]);
    expect((await messagesOf(wa)).map((r) => r.m.text).sort()).toEqual(Array.from({ length: 23 }, (_, i) => `g${i}`).sort());
  });

  it("statuses of one message spread over many events of one batch fold to the furthest, each time filled once", async () => {
    await seedOutbound(db, seed, newWaId(), ["wamid.F1", "wamid.F2"]);
    await storeWebhookEvents(db, [
      statusUpdate("wamid.F1", "failed", T0, [{ code: 131026, title: "Message undeliverable" }]),
      statusUpdate("wamid.F2", "read", T0 + 9),
      statusUpdate("wamid.F1", "delivered", T0 + 2),
      statusUpdate("wamid.F2", "sent", T0 + 1),
      statusUpdate("wamid.F1", "sent", T0 + 1),
      statusUpdate("wamid.F2", "read", T0 + 30),
    ]);
    expect(await processPendingWebhookEvents(db)).toMatchObject({ claimed: 6, processed: 6 });
    const f1 = await byWamid("wamid.F1");
    expect(f1).toMatchObject({ status: "delivered", error: null, readAt: null });
    expect([f1.sentAt?.getTime(), f1.deliveredAt?.getTime()]).toEqual([(T0 + 1) * 1000, (T0 + 2) * 1000]);
    const f2 = await byWamid("wamid.F2");
    expect(f2).toMatchObject({ status: "read", deliveredAt: null });
    expect([f2.sentAt?.getTime(), f2.readAt?.getTime()]).toEqual([(T0 + 1) * 1000, (T0 + 9) * 1000]);
  });

  it("one batch of many customers: each gets one conversation, unread counts every message, the newest is the preview", async () => {
    const [a, b] = [newWaId(), newWaId()];
    const bodies = [
      textMessage(a, "wamid.G-A1", "a one", T0 + 1, "Anna"),
      textMessage(b, "wamid.G-B1", "b one", T0 + 5),
      textMessage(a, "wamid.G-A3", "a three", T0 + 30, "Anna"),
      textMessage(a, "wamid.G-A2", "a two", T0 + 20, "Anna Rossi"), // the profile name as it arrived last
      textMessage(a, "wamid.G-A1", "a one", T0 + 1), // Meta's retry, same batch
      notification({ messages: [{ from: b, id: "wamid.G-B2", timestamp: String(T0 + 6), type: "reaction", reaction: { message_id: "wamid.G-B1", emoji: "👍" } }] }),
    ];
    await storeWebhookEvents(db, bodies);
    expect(await processPendingWebhookEvents(db)).toMatchObject({ claimed: 6, processed: 6, failed: 0 });
    const [convA] = await conversationsOf(a);
    expect(convA).toMatchObject({ unreadCount: 3, lastMessagePreview: "a three", status: "open" });
    expect(convA!.waitingSince!.toISOString()).toBe(new Date((T0 + 1) * 1000).toISOString());
    expect((await messagesOf(a)).map((r) => r.m.text).sort()).toEqual(["a one", "a three", "a two"]);
    expect((await db.select().from(contacts).where(eq(contacts.waId, a)))[0]?.profileName).toBe("Anna Rossi");
    expect((await conversationsOf(b))[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: "b one" });
    expect((await byWamid("wamid.G-B1")).reaction).toEqual({ emoji: "👍", at: new Date((T0 + 6) * 1000).toISOString() });
  });

  it("reactions are order-independent: a late, older reaction does not overwrite a newer removal", async () => {
    const wa = newWaId();
    await seedOutbound(db, seed, wa, ["wamid.RX"]);
    const reaction = (id: string, emoji: string, ts: number) => notification({ messages: [{ from: wa, id, timestamp: String(ts), type: "reaction", reaction: { message_id: "wamid.RX", emoji } }] });
    await ingest(db, reaction("wamid.RX-2", "", T0 + 10));
    await ingest(db, reaction("wamid.RX-1", "❤️", T0));
    expect((await byWamid("wamid.RX")).reaction).toBeNull();
    await ingest(db, reaction("wamid.RX-3", "😮", T0 + 20));
    expect((await byWamid("wamid.RX")).reaction).toEqual({ emoji: "😮", at: new Date((T0 + 20) * 1000).toISOString() });
  });

  it("unknown types are kept as unsupported with the raw object; a missing profile fills in later", async () => {
    const wa = newWaId();
    await ingest(db, notification({ messages: [{ from: wa, id: "wamid.POLL", timestamp: String(T0), type: "poll", poll: { question: "Aisle or window?" } }] }));
    expect(await byWamid("wamid.POLL")).toMatchObject({ kind: "unsupported", text: null, payload: { originalType: "poll", poll: { question: "Aisle or window?" }, type: "poll" } });
    expect((await db.select().from(contacts).where(eq(contacts.waId, wa)))[0]?.profileName).toBeNull();
    await ingest(db, textMessage(wa, "wamid.POLL2", "hi", T0 + 1, "Ada"));
    expect((await db.select().from(contacts).where(eq(contacts.waId, wa)))[0]?.profileName).toBe("Ada");
    expect((await conversationsOf(wa))[0]).toMatchObject({ unreadCount: 2 });
  });
});
