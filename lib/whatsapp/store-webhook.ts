import { webhookEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { parseWebhookBody } from "./payload";

export type StoredWebhookEvent = { id: number; status: "pending" | "malformed" };

/**
 * Stores raw webhook bodies in ONE multi-row insert (the hot path: one round trip and one
 * commit however many POSTs are coalesced). Bodies that are not JSON or not a notification
 * envelope are stored as `malformed` (kept for inspection, never processed).
 * Returns one result per body, in the same order.
 */
export async function storeWebhookEvents(db: Db, bodies: string[]): Promise<StoredWebhookEvent[]> {
  if (bodies.length === 0) return [];
  const rows = bodies.map((raw) => {
    const parsed = parseWebhookBody(raw);
    // A raw NUL cannot appear in valid JSON, but Postgres text would reject the whole insert.
    const body = raw.includes("\u0000") ? raw.replace(/\u0000/g, "\uFFFD") : raw;
    return parsed.ok
      ? { body, status: "pending" as const }
      : { body, status: "malformed" as const, error: parsed.reason, processedAt: new Date() };
  });
  const inserted = await db.insert(webhookEvents).values(rows).returning({ id: webhookEvents.id });
  // bigserial values are drawn in VALUES order, so sorted ids line up with the input.
  const ids = inserted.map((r) => r.id).sort((a, b) => a - b);
  return rows.map((r, i) => ({ id: ids[i]!, status: r.status }));
}

export type WebhookBatcher = {
  /** Resolves once the body is durably stored (its batch committed). */
  enqueue(body: string): Promise<StoredWebhookEvent>;
  /** Stores whatever is queued now (tests, shutdown). */
  flush(): Promise<void>;
  /** Resolves once nothing is queued or being stored (background work yields to POSTs with it). */
  idle(): Promise<void>;
  /** POST bodies queued per second, over the last second. */
  recentRate(): number;
};

type Waiter = { body: string; resolve: (v: StoredWebhookEvent) => void; reject: (e: unknown) => void };

/**
 * Group commit for the webhook POST handler: concurrent requests within `maxWaitMs` (or up to
 * `maxBatch` of them) share one insert. A lone request waits at most `maxWaitMs`; under load,
 * hundreds of POSTs per second cost a handful of inserts.
 */
export function createWebhookBatcher(getDb: () => Db | Promise<Db>, opts: { maxBatch?: number; maxWaitMs?: number } = {}): WebhookBatcher {
  const maxBatch = Math.max(1, opts.maxBatch ?? 100);
  const maxWaitMs = Math.max(0, opts.maxWaitMs ?? 3);
  let queue: Waiter[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const inFlight = new Set<Promise<void>>();
  // Four 250 ms buckets: a cheap sliding second.
  const buckets = [0, 0, 0, 0];
  let bucketAt = 0;
  const roll = (now: number) => {
    const slot = Math.floor(now / 250);
    const steps = Math.min(4, slot - bucketAt);
    for (let i = 0; i < steps; i++) buckets.copyWithin(0, 1).fill(0, 3);
    bucketAt = slot;
  };

  const run = async (batch: Waiter[]) => {
    try {
      const db = await getDb();
      const stored = await storeWebhookEvents(db, batch.map((w) => w.body));
      batch.forEach((w, i) => w.resolve(stored[i]!));
    } catch (err) {
      batch.forEach((w) => w.reject(err));
    }
  };

  const flushNow = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      const p = run(batch);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
  };

  return {
    enqueue(body: string) {
      roll(Date.now());
      buckets[3]!++;
      return new Promise<StoredWebhookEvent>((resolve, reject) => {
        queue.push({ body, resolve, reject });
        if (queue.length >= maxBatch) flushNow();
        else if (!timer) timer = setTimeout(flushNow, maxWaitMs);
      });
    },
    async flush() {
      flushNow();
      await Promise.all([...inFlight]);
    },
    recentRate() {
      roll(Date.now());
      return buckets[0]! + buckets[1]! + buckets[2]! + buckets[3]!;
    },
    async idle() {
      for (let i = 0; i < 100 && (queue.length > 0 || inFlight.size > 0); i++) {
        if (inFlight.size > 0) await Promise.race([...inFlight]);
        else await new Promise((resolve) => setTimeout(resolve, maxWaitMs + 1));
      }
    },
  };
}
