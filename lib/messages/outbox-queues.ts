import type PgBoss from "pg-boss";

// The outbox's queues: sending a stored reply to WhatsApp, and best-effort read receipts.
export const QUEUES = {
  send: "whatsapp.send",
  markRead: "whatsapp.mark-read",
} as const;

// Backoff: pg-boss 10 waits retryDelay·2^n·(1 + random()) seconds before retry n+1, so jitter is
// built in. 3 s base, 8 retries → 9 attempts over ≈ 13–26 minutes.
export const OUTBOX_QUEUES: readonly PgBoss.Queue[] = [
  // "short": at most one job per message waits in `created`; a second enqueue is a no-op.
  { name: QUEUES.send, policy: "short", retryLimit: 8, retryDelay: 3, retryBackoff: true, expireInSeconds: 60, retentionMinutes: 60 * 24 },
  // Best effort: two quick retries, then drop it (blue ticks are not worth a retry storm).
  { name: QUEUES.markRead, policy: "short", retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 30, retentionMinutes: 60 },
];
