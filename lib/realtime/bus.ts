import "server-only";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { EVENTS_CHANNEL, type RealtimeEvent } from "./events";
import { describeError } from "@/lib/errors/app-error";

export type BusMessage = RealtimeEvent | { type: "resync"; workspaceId: "*" };
type Subscriber = (event: BusMessage) => void;

export type Bus = { subscribe(workspaceId: string, fn: Subscriber): Promise<() => void> };

/** One LISTEN, fanned out to subscribers by workspace (`resync` goes to all of them). */
export function createBus(open: () => Promise<Database>): Bus {
  const subscribers = new Map<string, Set<Subscriber>>();
  let started: Promise<void> | undefined;

  const dispatch = (event: BusMessage) => {
    const targets = event.workspaceId === "*" ? [...subscribers.values()].flatMap((s) => [...s]) : [...(subscribers.get(event.workspaceId) ?? [])];
    for (const fn of targets) {
      try {
        fn(event);
      } catch (err) {
        console.error(`[realtime] subscriber failed: ${describeError(err)}`);
      }
    }
  };

  const start = (): Promise<void> => {
    started ??= open()
      .then((database) =>
        database.listen(
          EVENTS_CHANNEL,
          (payload) => {
            try {
              dispatch(JSON.parse(payload) as RealtimeEvent);
            } catch {
              console.error("[realtime] dropped malformed payload");
            }
          },
          () => dispatch({ type: "resync", workspaceId: "*" }),
        ),
      )
      .then(() => undefined)
      .catch((err) => {
        started = undefined;
        throw err;
      });
    return started;
  };

  return {
    async subscribe(workspaceId, fn) {
      await start();
      let set = subscribers.get(workspaceId);
      if (!set) subscribers.set(workspaceId, (set = new Set()));
      set.add(fn);
      return () => {
        set.delete(fn);
        if (set.size === 0) subscribers.delete(workspaceId);
      };
    },
  };
}

// One LISTEN per process (Next evaluates modules more than once), for every open stream of it.
const g = globalThis as unknown as { __sportelloBus2?: Bus };

export function subscribe(workspaceId: string, fn: Subscriber): Promise<() => void> {
  g.__sportelloBus2 ??= createBus(getDatabase);
  return g.__sportelloBus2.subscribe(workspaceId, fn);
}
