import "server-only";

import { domainError } from "@/lib/errors/app-error";

type Closable = { close(): void };
const g = globalThis as unknown as { __sportelloStreams?: { open: Set<Closable>; hooked: boolean; perUser: Map<string, number> } };
const registry = (g.__sportelloStreams ??= { open: new Set(), hooked: false, perUser: new Map() });
registry.perUser ??= new Map();

/** A person has a few tabs open; hundreds of streams from one user is a bug or an attack. */
export const MAX_STREAMS_PER_USER = 12;
/** What one process serves at most (each stream holds a socket and a slot in the fan-out). */
export const MAX_STREAMS = 2_000;

/**
 * Takes a stream slot for the user, or refuses with 429 beyond the per-user or process cap.
 * Returns the release, which is idempotent.
 */
export function admitStream(userId: string, limits = { perUser: MAX_STREAMS_PER_USER, total: MAX_STREAMS }): () => void {
  const mine = registry.perUser.get(userId) ?? 0;
  let total = 0;
  for (const n of registry.perUser.values()) total += n;
  if (mine >= limits.perUser) throw domainError("rate_limited", "events.too_many_streams", `At most ${limits.perUser} live connections per person: close some tabs.`, { max: limits.perUser });
  if (total >= limits.total) throw domainError("rate_limited", "events.server_busy", "The server has too many live connections right now. Try again in a moment.");
  registry.perUser.set(userId, mine + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const n = (registry.perUser.get(userId) ?? 1) - 1;
    if (n <= 0) registry.perUser.delete(userId);
    else registry.perUser.set(userId, n);
  };
}

/**
 * Open SSE responses keep `next start` alive on SIGTERM; close them so the server stops at once.
 * Installed on the first stream only: build workers load this module and must be free to exit.
 */
export function trackStream(stream: Closable): () => void {
  if (!registry.hooked) {
    registry.hooked = true;
    const closeAll = () => {
      for (const s of registry.open) s.close();
      registry.open.clear();
    };
    process.once("SIGTERM", closeAll);
    process.once("SIGINT", closeAll);
  }
  registry.open.add(stream);
  return () => registry.open.delete(stream);
}

export function openStreamCount(): number {
  return registry.open.size;
}
