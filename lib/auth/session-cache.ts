import type { Database } from "@/lib/db/types";
import type { Actor } from "./actor";
import { readSession } from "./sessions";

// Every signed-in request needs its session's user. Read from the database each time, that was a
// round trip per request: on this VM a third of a list's cost went to the socket writes alone
// (BENCHMARKS.md, "The API at scale"). So each process keeps what it read for a few seconds.
//
// A kept entry never outlives a change: migration 0020's triggers NOTIFY `sportello_auth` with the
// user's id whenever a session of theirs is revoked or deleted, or their role, active flag,
// workspace, name or email changes — from any process or script — and every process drops that
// user's entries. Until its LISTEN is up, and from when it is lost until it is back, nothing is
// kept. The TTL bounds what a notification lost in flight could leave behind.

export const AUTH_CHANNEL = "sportello_auth";
const TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;
const RETRY_MS = 5_000;

type Entry = { actor: Actor; expiresAt: number; keptAt: number };
type Claims = { sessionId: string | undefined; userId: string; workspaceId: string };

export type SessionCache = {
  /** The session's actor, kept or read; null when it is not a live session. */
  actorOf(claims: Claims, now?: Date): Promise<Actor | null>;
  /** Entries kept right now (tests and diagnostics). */
  size(): number;
  stop(): Promise<void>;
};

export function createSessionCache(database: Database): SessionCache {
  const entries = new Map<string, Entry>();
  // Bumped by every notification: a read that started before one is not kept (it may predate it).
  let generation = 0;
  let listening = false;
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;

  const forget = (userId: string) => {
    generation++;
    for (const [sessionId, e] of entries) if (e.actor.userId === userId) entries.delete(sessionId);
  };
  const forgetAll = () => {
    generation++;
    entries.clear();
  };

  // LISTEN lazily, and again a while after a failure (the server may have been down at start):
  // without it nothing is kept, and every request reads its session, as it would with no cache.
  let attempt: Promise<void> | undefined;
  let failedAt = -Infinity;
  let lost = false;
  // Subscribed once: after that only the listener's lost/back callbacks say whether it listens.
  const startListening = () => {
    if (unlisten || attempt || stopped || Date.now() - failedAt < RETRY_MS) return;
    attempt = database
      .listen(
        AUTH_CHANNEL,
        (userId) => (userId === "*" ? forgetAll() : forget(userId)),
        () => {
          lost = false;
          forgetAll();
          if (!stopped) listening = true;
        },
        () => {
          lost = true;
          listening = false;
          forgetAll();
        },
      )
      .then((stop) => {
        unlisten = stop;
        if (stopped) return void stop();
        listening = !lost;
      })
      .catch((err: unknown) => {
        failedAt = Date.now();
        console.warn("[auth] session cache paused (LISTEN failed):", err instanceof Error ? err.message : err);
      })
      .finally(() => (attempt = undefined));
  };

  return {
    async actorOf(claims, now = new Date()) {
      startListening();
      const t = now.getTime();
      const kept = claims.sessionId ? entries.get(claims.sessionId) : undefined;
      if (kept && listening && kept.actor.userId === claims.userId && kept.actor.workspaceId === claims.workspaceId && t < kept.expiresAt && t - kept.keptAt < TTL_MS) return kept.actor;
      const seen = generation;
      const read = await readSession(database.db, { ...claims, now });
      if (!read || !claims.sessionId) return null;
      if (listening && seen === generation) {
        if (entries.size >= MAX_ENTRIES) entries.clear();
        entries.set(claims.sessionId, { actor: read.actor, expiresAt: read.expiresAt.getTime(), keptAt: t });
      }
      return read.actor;
    },
    size: () => entries.size,
    async stop() {
      stopped = true;
      listening = false;
      entries.clear();
      await attempt;
      await unlisten?.();
    },
  };
}
