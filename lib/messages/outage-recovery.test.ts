// A WhatsApp outage through the real pg-boss queue (PGlite, or PostgreSQL with TEST_DATABASE_URL):
// replies written while Graph is down wait in retry; once it answers, the outage watch releases
// them before their backoff is over, and each reaches the customer exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { createReply } from "@/lib/messages/reply";
import { enqueueSend } from "@/lib/messages/outbox";
import { startOutboxWorkers, type OutboxWorkers } from "@/lib/messages/outbox-worker";
import { bossDbAdapter, createBoss, ensureQueues } from "@/lib/jobs/queues";
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
  // A long backoff (≥ 30 s before the first retry): anything sent sooner was released by the watch.
  await boss.updateQueue(QUEUES.send, { name: QUEUES.send, policy: "short", retryDelay: 30, retryBackoff: true, retryLimit: 8 });
  workers = await startOutboxWorkers(boss, { db: database.db, getConfig: () => w.cfg, fetchImpl: w.fetchImpl, pollingIntervalSeconds: 0.5, sweepIntervalMs: 0, probeEveryMs: 250 });
}, 60_000);

afterAll(async () => {
  w?.fake.engine.endOutage();
  await settleOutboxWorlds();
  await workers?.stop();
  await boss?.stop({ graceful: false, close: false, wait: true });
  await database?.close();
});


type JobRow = { singleton_key: string; state: string; start_after: string | Date; retry_count: number };
const sendJobs = async (db = bossDbAdapter(database)) =>
  (await db.executeSql(`select singleton_key, state, start_after, retry_count from pgboss.job where name = $1`, [QUEUES.send])).rows as JobRow[];

describe("after a WhatsApp outage", () => {
  for (const kind of [500, "network"] as const) {
    it(`(${kind}) held-back replies go out as soon as Graph answers, long before their backoff, each exactly once`, async () => {
      const customers = await Promise.all([w.customer(), w.customer(), w.customer()]);
      w.fake.engine.startOutage(kind, 10 * 60_000);
      const replies: { id: string; waId: string }[] = [];
      for (let i = 0; i < 9; i++) {
        const c = customers[i % 3]!;
        const { id } = await createReply(database.db, w.agent, c.conversation.id, { text: `During the outage (${kind}) #${i}` });
        replies.push({ id, waId: c.contact.waId });
        await enqueueSend(boss, id);
      }
      workers.wake();

      // Every reply tried once and now waits in retry, due no sooner than 30 s from now.
      const mine = new Set(replies.map((r) => r.id));
      const held = await until("all in retry", async () => {
        const jobs = (await sendJobs()).filter((j) => mine.has(j.singleton_key));
        return jobs.length === replies.length && jobs.every((j) => j.state === "retry") && jobs;
      });
      const earliestRetry = Math.min(...held.map((j) => new Date(j.start_after).getTime()));
      expect(earliestRetry - Date.now()).toBeGreaterThan(20_000);
      for (const r of replies) expect(await w.message(r.id)).toMatchObject({ status: "queued", sendAttempts: 1 });

      w.fake.engine.endOutage();
      await until("all sent", async () => {
        for (const r of replies) if ((await w.message(r.id)).status === "queued") return false;
        return true;
      });
      // Before any backoff would have let them run: the watch released them.
      expect(Date.now()).toBeLessThan(earliestRetry);
      for (const r of replies) expect(await w.message(r.id)).toMatchObject({ status: expect.stringMatching(/sent|delivered|read/), sendAttempts: 2 });
      for (const c of customers) {
        const texts = w.fake.engine.inboxOf(c.contact.waId).map((m) => m.content.body).filter((t) => String(t).includes(`(${kind})`));
        expect(texts).toEqual(replies.filter((r) => r.waId === c.contact.waId).map(() => expect.stringContaining(`(${kind})`)));
        expect(new Set(texts).size).toBe(texts.length);
      }
    }, 60_000);
  }
});
