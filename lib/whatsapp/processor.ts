import "server-only";
import path from "node:path";
import { getDb } from "@/lib/db/client";
import { getEnv, getWhatsAppConfig } from "@/lib/env";
import { fetchPendingMedia } from "./fetch-media";
import { processPendingWebhookEvents, WEBHOOK_BATCH_SIZE } from "./process-webhook";
import { createWebhookBatcher, type WebhookBatcher } from "./store-webhook";

const POLL_MS = 2_000;
const FAILED_MEDIA_RETRY_MS = 60_000;

type State = {
  batcher?: WebhookBatcher;
  draining: Promise<void> | null;
  again: boolean;
  fetching: Promise<void> | null;
  lastFailedMediaRun: number;
  timer?: ReturnType<typeof setInterval>;
};

// On globalThis: Next may evaluate this module more than once per process.
const g = globalThis as unknown as { __sportelloWebhooks?: State };
const state = (): State => (g.__sportelloWebhooks ??= { draining: null, again: false, fetching: null, lastFailedMediaRun: 0 });

/** The process-wide group-commit batcher the webhook POST handler stores through. */
export function getWebhookBatcher(): WebhookBatcher {
  const s = state();
  return (s.batcher ??= createWebhookBatcher(getDb, { maxBatch: 100, maxWaitMs: 3 }));
}

// PGlite runs on this thread and a transaction holds it whole. While POSTs keep arriving it gets
// small batches and a breather after each, so storing (and answering) POSTs comes first and the
// backlog is worked off at full batch size once the burst ends. Measured with bench:ingest at
// 4,000 events/s on PGlite: batches of 100 throughout cut intake to ~1,100/s (p50 6.6 s); 5 with
// a 10 ms breather to 3,700/s (p50 0.8 s); 5 with 50 ms keeps 4,000/s at p50 127 ms / p99 268 ms
// and still processes ~500 events/s overall (one event per transaction managed 161/s).
const BUSY_BATCH_PGLITE = 5;
const BUSY_BREATHER_MS = 50;

const ingestBusy = (batcher: WebhookBatcher) => !getEnv().DATABASE_URL && Date.now() - batcher.lastEnqueueAt() < 1_000;

function drainBatchSize(batcher: WebhookBatcher): number {
  return ingestBusy(batcher) ? BUSY_BATCH_PGLITE : WEBHOOK_BATCH_SIZE;
}

async function yieldToPosts(batcher: WebhookBatcher): Promise<void> {
  await batcher.idle();
  if (ingestBusy(batcher)) await new Promise((resolve) => setTimeout(resolve, BUSY_BREATHER_MS));
}

/**
 * Processes pending webhook events now. At most one drain runs per process; a request made
 * while one runs makes it loop once more, so nothing stored meanwhile waits for the next poll.
 */
export function requestWebhookDrain(): Promise<void> {
  const s = state();
  if (s.draining) {
    s.again = true;
    return s.draining;
  }
  s.draining = (async () => {
    try {
      do {
        s.again = false;
        const db = await getDb();
        const batcher = getWebhookBatcher();
        const result = await processPendingWebhookEvents(db, { limit: 1_000, batchSize: () => drainBatchSize(batcher), pause: () => yieldToPosts(batcher) });
        if (result.claimed >= 1_000) s.again = true;
      } while (s.again);
    } catch (err) {
      console.error("[whatsapp] webhook processing failed:", err instanceof Error ? err.message : err);
    } finally {
      s.draining = null;
    }
    void requestMediaFetch();
  })();
  return s.draining;
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
      console.error("[whatsapp] media download run failed:", err instanceof Error ? err.message : err);
    } finally {
      s.fetching = null;
    }
  })();
  return s.fetching;
}

/**
 * Crash safety: drains what was stored but not processed (a crash, a deploy), then polls every
 * ~2 s as a safety net behind the after-response trigger. Idempotent; the timer never keeps the
 * process alive.
 */
export function startWebhookProcessor(): void {
  const s = state();
  if (s.timer) return;
  s.timer = setInterval(() => void requestWebhookDrain(), POLL_MS);
  s.timer.unref?.();
  void requestWebhookDrain();
}

export function stopWebhookProcessor(): void {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
