import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inArray } from "drizzle-orm";
import { webhookEvents } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { createWebhookBatcher, storeWebhookEvents } from "./store-webhook";
import { textMessage } from "@/lib/ingest/test-helpers";

describe(`storing webhook bodies (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
  });
  afterAll(async () => database?.close());

  const rowsOf = async (ids: number[]) => {
    const rows = await db.select().from(webhookEvents).where(inArray(webhookEvents.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  };

  it("stores many bodies in one insert, ids in input order, malformed ones flagged", async () => {
    const bodies = [
      textMessage("39300", "wamid.A", "a", 1_764_000_000),
      "not json",
      '{"object":"whatsapp_business_account"}',
      "[1,2,3]",
      textMessage("39300", "wamid.B", "b", 1_764_000_001),
      "{\"object\":\"whatsapp_business_account\",\"entry\":[],\"x\":\"\u0000\"}",
    ];
    const spy = vi.spyOn(db, "insert");
    const stored = await storeWebhookEvents(db, bodies);
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(stored.map((s) => s.status)).toEqual(["pending", "malformed", "malformed", "malformed", "pending", "malformed"]);
    const rows = await rowsOf(stored.map((s) => s.id));
    stored.forEach((s, i) => {
      const row = rows.get(s.id)!;
      expect(row.body).toBe(bodies[i]!.replace(/\u0000/g, "\uFFFD"));
      expect(row.status).toBe(s.status);
      expect(row.signatureValid).toBe(true);
      if (s.status === "malformed") expect(row).toMatchObject({ error: expect.any(String), processedAt: expect.any(Date) });
    });
    expect(await storeWebhookEvents(db, [])).toEqual([]);
  });

  it("the batcher coalesces concurrent POSTs into a few inserts and answers each with its own id", async () => {
    const spy = vi.spyOn(db, "insert");
    const batcher = createWebhookBatcher(() => db, { maxBatch: 25, maxWaitMs: 5 });
    const bodies = Array.from({ length: 60 }, (_, i) => (i % 10 === 9 ? `garbage ${i}` : textMessage("39301", `wamid.G${i}`, `m${i}`, 1_764_000_000 + i)));
    const results = await Promise.all(bodies.map((b) => batcher.enqueue(b)));
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(3); // 60 / maxBatch 25
    expect(spy.mock.calls.length).toBeLessThanOrEqual(4);
    spy.mockRestore();
    expect(new Set(results.map((r) => r.id)).size).toBe(60);
    const rows = await rowsOf(results.map((r) => r.id));
    results.forEach((r, i) => {
      expect(rows.get(r.id)!.body).toBe(bodies[i]);
      expect(r.status).toBe(i % 10 === 9 ? "malformed" : "pending");
    });
  });

  it("knows its recent intake rate (the processor steps back from bursts with it)", async () => {
    const batcher = createWebhookBatcher(() => db, { maxWaitMs: 1 });
    expect(batcher.recentRate()).toBe(0);
    await Promise.all(Array.from({ length: 12 }, (_, i) => batcher.enqueue(textMessage("39303", `wamid.RATE${i}`, "x", 1_764_000_000))));
    expect(batcher.recentRate()).toBe(12);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(batcher.recentRate()).toBe(0);
  });

  it("a lone request is stored within the wait window; flush() stores at once", async () => {
    const batcher = createWebhookBatcher(() => db, { maxWaitMs: 2 });
    const started = Date.now();
    const one = await batcher.enqueue(textMessage("39302", "wamid.L1", "x", 1_764_000_000));
    expect(one.status).toBe("pending");
    expect(Date.now() - started).toBeLessThan(1_000);
    const slow = createWebhookBatcher(() => db, { maxWaitMs: 60_000 });
    const pending = slow.enqueue("{}");
    await slow.flush();
    expect((await pending).status).toBe("malformed");

    // idle(): background processing waits for queued POSTs to be stored first.
    let stored = false;
    const quick = createWebhookBatcher(() => db, { maxWaitMs: 2 });
    void quick.enqueue("{}").then(() => (stored = true));
    await quick.idle();
    expect(stored).toBe(true);
    await quick.idle(); // nothing queued: resolves at once
  });

  it("a database failure rejects every request of the batch (the route answers 503 and Meta retries)", async () => {
    const batcher = createWebhookBatcher(async () => {
      throw new Error("database down");
    });
    const results = await Promise.allSettled([batcher.enqueue("{}"), batcher.enqueue("{}")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
  });
});
