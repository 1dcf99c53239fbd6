import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users } from "@/lib/db/schema";

/** A person counts as seen at most this often (one write per minute, not one per request). */
export const SEEN_EVERY_MS = 60_000;

// Per process: when each user was last written as seen. A second process writes once more, at most.
const g = globalThis as unknown as { __sportelloSeen?: Map<string, number> };

/**
 * Activity keeps an online teammate online: a signed-in request or a live stream's heartbeat
 * moves users.last_seen_at, which the auto-away job reads (lib/assignment). Never awaited by a
 * request: a failure is logged and the next request tries again.
 */
export function touchLastSeen(db: Db, userId: string, now = Date.now()): Promise<void> {
  const seen = (g.__sportelloSeen ??= new Map());
  if (now - (seen.get(userId) ?? 0) < SEEN_EVERY_MS) return Promise.resolve();
  seen.set(userId, now);
  if (seen.size > 10_000) seen.clear();
  return db
    .update(users)
    .set({ lastSeenAt: new Date(now) })
    .where(and(eq(users.id, userId), sql`(${users.lastSeenAt} is null or ${users.lastSeenAt} < ${new Date(now - SEEN_EVERY_MS / 2).toISOString()}::timestamptz)`))
    .then(
      () => undefined,
      (err: unknown) => {
        seen.delete(userId);
        console.warn("[auth] could not record activity:", err instanceof Error ? err.message : err);
      },
    );
}
