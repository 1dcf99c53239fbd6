import "server-only";
import { describeError } from "@/lib/errors/app-error";
import path from "node:path";
import { sql } from "drizzle-orm";
import { getDatabase, getDb } from "@/lib/db/client";
import { getEnv, getProcessRole, getWhatsAppConfig } from "@/lib/env";
import { fetchPendingMedia } from "@/lib/ingest/fetch-media";
import { processPendingWebhookEvents, WEBHOOK_BATCH_SIZE } from "@/lib/ingest/process-webhook";
import { createWebhookBatcher, type WebhookBatcher } from "@/lib/whatsapp/store-webhook";

const POLL_MS = 2_000;
const FAILED_MEDIA_RETRY_MS = 60_000;

type State = {
  batcher?: WebhookBatcher;
  /** The drains running now (one, or up to WORKER_DRAINS in a worker process on PostgreSQL). */
  drains: Set<Promise<void>>;
  /** How many of them are inside a batch (the others are gathering or about to end). */
  busy: number;
  again: boolean;
  fetching: Promise<void> | null;
  lastFailedMediaRun: number;
  /** PGlite: until when the drain treats intake as a burst (small batches, breathers). */
  busyUntil: number;
  timer?: ReturnType<typeof setInterval>;
  /** Web role: the NOTIFY that wakes the worker processes, and whether another is owed. */
  signalling: Promise<void> | null;
  signalAgain: boolean;
  unlisten?: Promise<() => Promise<void>>;
};

/** Web processes wake the worker processes on this channel after storing webhooks. */
const WEBHOOKS_STORED_CHANNEL = "sportello_webhooks_stored";

// On globalThis: Next may evaluate this module more than once per process.
const g = globalThis as unknown as { __sportelloWebhooks?: State };
const state = (): State => (g.__sportelloWebhooks ??= { drains: new Set(), busy: 0, again: false, fetching: null, lastFailedMediaRun: 0, busyUntil: 0, signalling: null, signalAgain: false });

/** The process-wide group-commit batcher the webhook POST handler stores through. */
export function getWebhookBatcher(): WebhookBatcher {
  const s = state();
  return (s.batcher ??= createWebhookBatcher(getDb, { maxBatch: 100, maxWaitMs: 3 }));
}

// PGlite runs on this thread and a transaction holds it whole. Near its intake ceiling (~2,400
// POSTs/s here) processing gets small batches and a breather after each, so storing and answering
// POSTs comes first; the backlog is worked off at full batch size once the burst ends. Below that
// rate processing runs in batches of 50: a steady 1,000/s must not starve it. Measured with
// bench:ingest on PGlite: batches of 100 throughout cut a 4,000/s burst's intake to ~1,100/s
// (p50 6.6 s); "any POST in the last second → 5 + 50 ms breather" kept the burst at p50 0.1–0.8 s
// but let a steady 1,000/s fall 8–10 s behind; this policy: burst p50 0.6 s, closed loop
// 3,095/s, steady 1,000/s in the inbox p50 30 ms / p99 79 ms.
const PGLITE_BATCH = 50; // shorter holds of the thread than 100, still ~10× cheaper per event than 1
const BUSY_BATCH_PGLITE = 5;
const BUSY_BREATHER_MS = 50;
const PGLITE_BUSY_RATE = 1_500;
const BUSY_HOLD_MS = 2_000; // stay in burst mode a while: processing itself depresses the measured rate

// A drain that found less than a full batch waits this long before claiming again, so a steady
// trickle of POSTs is processed in batches instead of one or two events per transaction (the
// per-transaction cost is what limits throughput: bench:process, ~200/s at 1 vs ~3,000/s at 100).
const COALESCE_MS = 20;
/** Events per drain before it yields to the next loop (a backlog keeps looping). */
const DRAIN_LIMIT = 1_000;

// PostgreSQL: a backlog is worked off in larger transactions. Each batch has a fixed cost (claim,
// a dozen round trips, commit), so bench:process drains 2,563 events/s at 100 per batch, 4,161/s at
// 500 and 5,887/s at 1,000 (12-03, after migration 0018). A full batch doubles the next one up to
// 500 (~120 ms of work, inside the 250 ms webhook → inbox budget); a partial one, the backlog gone,
// goes back to 100 so a steady trickle is not held for a big batch.
const PG_MAX_BATCH = 500;

function ingestBusy(batcher: WebhookBatcher): boolean {
  if (getEnv().DATABASE_URL) return false;
  const s = state();
  if (batcher.recentRate() > PGLITE_BUSY_RATE) s.busyUntil = Date.now() + BUSY_HOLD_MS;
  return Date.now() < s.busyUntil;
}

function drainBatchSize(batcher: WebhookBatcher, pgBatch: number): number {
  if (getEnv().DATABASE_URL) return pgBatch;
  return ingestBusy(batcher) ? BUSY_BATCH_PGLITE : PGLITE_BATCH;
}

async function yieldToPosts(batcher: WebhookBatcher): Promise<void> {
  await batcher.idle();
  if (ingestBusy(batcher)) await new Promise((resolve) => setTimeout(resolve, BUSY_BREATHER_MS));
}

// A worker process on PostgreSQL runs two drains, so the events that arrive while one batch is in
// its transaction are claimed by the other (SKIP LOCKED) instead of waiting for that batch to
// commit: a batch is mostly waiting on round trips, and the other drain's parsing and statements
// fill that wait. At 4,000 events/s one drain settles near 400-event batches of ~100 ms, so an
// event waited for the batch in hand and then its own (bench:ingest p99 297 ms). Parallel
// processors are what several worker processes already are: rows are locked in a fixed order, and
// a batch that still deadlocks rolls back and runs event by event. A process that also answers
// POSTs keeps one drain: there the thread, not the database, is what is full (a second drain was
// measured worse, BENCHMARKS.md).
function maxDrains(): number {
  return getEnv().DATABASE_URL && getProcessRole() === "worker" ? getEnv().WEBHOOK_WORKER_DRAINS : 1;
}

/**
 * Processes pending webhook events now. A request made while every drain is busy makes one loop
 * once more, so nothing stored meanwhile waits for the next poll; in a worker process a request
 * made while the only drain is inside a batch starts a second one.
 */
export function requestWebhookDrain(): Promise<void> {
  const s = state();
  const running = s.drains.size;
  // A drain that is gathering or between batches claims what was just stored anyway.
  if (running > 0 && (running >= maxDrains() || s.busy < running)) {
    s.again = true;
    return s.drains.values().next().value!;
  }
  const drain: Promise<void> = runDrain(s, running > 0).finally(() => {
    s.drains.delete(drain);
    if (s.drains.size === 0) void requestMediaFetch();
  });
  s.drains.add(drain);
  return drain;
}

async function runDrain(s: State, beside: boolean): Promise<void> {
  // PostgreSQL: the next batch's size, doubled after each full batch while a backlog lasts.
  let pgBatch = WEBHOOK_BATCH_SIZE;
  try {
    // Started beside a busy drain: let the POSTs arriving meanwhile gather into a batch first.
    if (beside) await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
    do {
      s.again = false;
      const db = await getDb();
      const batcher = getWebhookBatcher();
      s.busy++;
      let claimed: number;
      try {
        ({ claimed } = await processPendingWebhookEvents(db, {
          limit: DRAIN_LIMIT,
          batchSize: () => drainBatchSize(batcher, pgBatch),
          pause: () => yieldToPosts(batcher),
          onBatch: (n, size) => (pgBatch = n >= size ? Math.min(PG_MAX_BATCH, size * 2) : WEBHOOK_BATCH_SIZE),
        }));
      } finally {
        s.busy--;
      }
      if (claimed >= DRAIN_LIMIT) s.again = true;
      // The backlog is empty and more POSTs are arriving: let them gather into a batch.
      else if (s.again) await new Promise((resolve) => setTimeout(resolve, COALESCE_MS));
    } while (s.again);
  } catch (err) {
    console.error("[whatsapp] webhook processing failed:", describeError(err));
  }
}

/**
 * What follows a stored webhook (after its 200): process it in this process, or, in a web process,
 * wake the worker processes. Both paths are only a nudge: the rows are stored and every processor
 * also polls.
 */
export function afterWebhookStored(): void {
  if (getProcessRole() === "web") void signalWebhookWorkers();
  else void requestWebhookDrain();
}

/**
 * One NOTIFY at a time; a store that lands while one is in flight owes one more. The batcher
 * resolves a whole group commit at once, so at 4,000 POSTs/s this is ~1 NOTIFY per insert, not
 * per POST.
 */
function signalWebhookWorkers(): Promise<void> {
  const s = state();
  if (s.signalling) {
    s.signalAgain = true;
    return s.signalling;
  }
  s.signalling = (async () => {
    try {
      do {
        s.signalAgain = false;
        // A payload: an empty one is not delivered to listeners (lib/db/connect.ts).
        await (await getDb()).execute(sql`select pg_notify(${WEBHOOKS_STORED_CHANNEL}, 'stored')`);
      } while (s.signalAgain);
    } catch (err) {
      // The worker's poll picks the rows up within POLL_MS.
      console.error("[whatsapp] could not wake the webhook workers:", describeError(err));
    } finally {
      s.signalling = null;
    }
  })();
  return s.signalling;
}

/** Downloads pending inbound media in the background (separately guarded: downloads are slow). */
export function requestMediaFetch(): Promise<void> {
  const s = state();
  if (s.fetching) return s.fetching;
  s.fetching = (async () => {
    try {
      const config = getWhatsAppConfig();
      const includeFailed = Date.now() - s.lastFailedMediaRun > FAILED_MEDIA_RETRY_MS;
      if (includeFailed) s.lastFailedMediaRun = Date.now();
      await fetchPendingMedia(await getDb(), {
        graphUrl: config.graphUrl,
        apiVersion: config.apiVersion,
        accessToken: config.accessToken,
        mediaDir: path.resolve(getEnv().MEDIA_DIR),
        includeFailed,
      });
    } catch (err) {
      console.error("[whatsapp] media download run failed:", describeError(err));
    } finally {
      s.fetching = null;
    }
  })();
  return s.fetching;
}

/**
 * Crash safety: drains what was stored but not processed (a crash, a deploy), then polls every
 * ~2 s as a safety net behind the after-response trigger. With `listen` (worker processes) it also
 * drains whenever a web process says it stored webhooks. Idempotent; the timer never keeps the
 * process alive.
 */
export function startWebhookProcessor(opts: { listen?: boolean } = {}): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void requestWebhookDrain(), POLL_MS);
  s.timer.unref?.();
  if (opts.listen) listenForStoredWebhooks(s);
  void requestWebhookDrain();
}

/** LISTEN for the web processes' wake-ups; until it holds (the server down at start), retry every 5 s and poll. */
function listenForStoredWebhooks(s: State, attempt = 0): void {
  const listening = getDatabase().then((database) => database.listen(WEBHOOKS_STORED_CHANNEL, () => void requestWebhookDrain(), () => void requestWebhookDrain()));
  s.unlisten = listening;
  listening.catch((err) => {
    if (attempt === 0) console.error("[whatsapp] could not listen for stored webhooks (polling meanwhile, retrying):", describeError(err));
    if (s.unlisten !== listening || !s.timer) return; // stopped meanwhile
    s.unlisten = undefined;
    setTimeout(() => {
      if (s.timer) listenForStoredWebhooks(s, attempt + 1);
    }, 5_000).unref();
  });
}

export async function stopWebhookProcessor(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  const unlisten = s.unlisten;
  s.unlisten = undefined;
  await unlisten?.then((stop) => stop()).catch(() => undefined);
}
