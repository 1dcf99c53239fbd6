// The real pg-boss 10 queue, end to end, on the test database (PGlite through the executeSql
// adapter, or PostgreSQL when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { messages } from "@/lib/db/schema";
import { createReply } from "@/lib/messages/reply";
import { enqueueSend, enqueueTypingIndicator, requeueStrandedMessages } from "@/lib/messages/outbox";
import { startOutboxWorkers, type OutboxWorkers } from "@/lib/messages/outbox-worker";
import { bossDbAdapter, createBoss, ensureQueues } from "./queues";
import { OUTBOX_QUEUES, QUEUES } from "@/lib/messages/outbox-queues";
import { until } from "@/lib/testing/until";

let database: TestDatabase;
let boss: PgBoss;
let workers: OutboxWorkers;
let w: OutboxWorld;

beforeAll(async () => {
  database = await createTestDatabase();
  w = await makeOutboxWorld(database.db);
  boss = createBoss(database);
  boss.on("error", (err) => console.error("[test] pg-boss", err));
  await boss.start();
  await ensureQueues(boss, OUTBOX_QUEUES);
  // Retries 1–2 s apart instead of 3–6 s, to keep the test short.
  await boss.updateQueue(QUEUES.send, { name: QUEUES.send, policy: "short", retryDelay: 1 });
  workers = await startOutboxWorkers(boss, { db: database.db, getConfig: () => w.cfg, fetchImpl: w.fetchImpl, pollingIntervalSeconds: 0.5, sweepIntervalMs: 0 });
});

afterAll(async () => {
  await settleOutboxWorlds();
  await workers?.stop();
  await boss?.stop({ graceful: false, close: false, wait: true });
  await database?.close();
});


const statusOf = async (id: string) => (await w.message(id)).status;

describe("pg-boss outbox", () => {
  it("sends a reply through the queue, retries a transient error, re-enqueues stranded rows and marks read", async () => {
    // 1. A reply: enqueue (twice: the duplicate is dropped), wake the worker, sent.
    const { conversation, contact } = await w.customer();
    const { id } = await createReply(database.db, w.agent, conversation.id, { text: "Through the real queue" });
    const t0 = performance.now();
    expect(await enqueueSend(boss, id)).toEqual(expect.any(String));
    expect(await enqueueSend(boss, id)).toBeNull();
    workers.wake();
    await until("sent", async () => (await statusOf(id)) !== "queued");
    const latencyMs = Math.round(performance.now() - t0);
    console.info(`[boss.test] ${database.kind}: enqueue → sent in ${latencyMs} ms`);
    expect(await statusOf(id)).toMatch(/sent|delivered/);
    expect(w.fake.engine.inboxOf(contact.waId)).toHaveLength(1);

    // 2. A throughput error: pg-boss retries with backoff, and it goes out once.
    const second = await createReply(database.db, w.agent, conversation.id, { text: "After a rate limit" });
    w.fake.engine.addFault({ code: 130429, times: 1 });
    await enqueueSend(boss, second.id);
    workers.wake();
    await until("sent after retry", async () => (await statusOf(second.id)) !== "queued");
    expect(await w.message(second.id)).toMatchObject({ status: expect.stringMatching(/sent|delivered/), sendAttempts: 2 });

    // 3. A row committed as queued whose enqueue was lost (crash): the sweeper finds it once.
    const [stranded] = await database.db
      .insert(messages)
      .values({ workspaceId: w.workspace.id, conversationId: conversation.id, channelId: w.channel.id, direction: "outbound", authorType: "agent", kind: "text", text: "Lost enqueue", status: "queued", createdAt: new Date(Date.now() - 60_000) })
      .returning({ id: messages.id });
    expect(await requeueStrandedMessages(database.db, boss)).toBe(1);
    expect(await requeueStrandedMessages(database.db, boss)).toBe(0);
    workers.wake();
    await until("stranded sent", async () => (await statusOf(stranded!.id)) !== "queued");
    expect(w.fake.engine.inboxOf(contact.waId).map((r) => r.content.body)).toEqual(["Through the real queue", "After a rate limit", "Lost enqueue"]);

    // 4. Read receipts go out as their own best-effort job.
    await boss.send(QUEUES.markRead, { wamid: "wamid.CUSTOMER-READ", phoneNumberId: w.channel.phoneNumberId }, { singletonKey: "wamid.CUSTOMER-READ" });
    await until("read mark", async () => w.fake.engine.readMarks.includes("wamid.CUSTOMER-READ"), 10_000);
  });

  it("sends the typing indicator with the read receipt, at most once per conversation every 20 s", async () => {
    const waId = "393409990001";
    const inbound = await w.fake.engine.customerSends(waId, { profileName: "Typing Test", text: "Is my flight on time?" });
    const target = { wamid: inbound.wamid, phoneNumberId: w.channel.phoneNumberId };
    expect(await enqueueTypingIndicator(boss, "conversation-a", target, 20)).toEqual(expect.any(String));
    // A second agent (or keystroke) in the same slot: throttled; another conversation is not.
    expect(await enqueueTypingIndicator(boss, "conversation-a", target, 20)).toBeNull();
    expect(await enqueueTypingIndicator(boss, "conversation-b", { ...target, wamid: "wamid.OTHER" }, 20)).toEqual(expect.any(String));
    await until("typing shown", async () => w.fake.engine.typingUntil(waId) !== null, 10_000);
    expect(w.fake.engine.readMarks).toContain(inbound.wamid);
  });
});

describe("pg-boss on the app database", () => {
  it("runs maintenance (multi-statement BEGIN…COMMIT scripts) and survives a failing script", async () => {
    await (boss as unknown as { maintain(): Promise<unknown> }).maintain();
    const adapter = bossDbAdapter(database);
    await expect(adapter.executeSql("BEGIN; SELECT 1; SELECT 1/0; COMMIT;", [])).rejects.toThrow(/division by zero/);
    // PGlite is one connection: the aborted transaction must not poison the app's next query.
    expect((await adapter.executeSql("SELECT 41 + 1 AS n", [])).rows).toEqual([{ n: 42 }]);
    expect((await database.query<{ n: number }>("SELECT 1 AS n"))[0]).toEqual({ n: 1 });
  });
});
