import "server-only";
import { getDatabase } from "@/lib/db/client";
import { EVENTS_CHANNEL, type RealtimeEvent } from "./events";

export type BusMessage = RealtimeEvent | { type: "resync"; workspaceId: "*" };
type Subscriber = (event: BusMessage) => void;

type BusState = {
  started?: Promise<void>;
  subscribers: Map<string, Set<Subscriber>>;
  seq: number;
};

// One LISTEN per process, fanned out to every open stream of that process.
const g = globalThis as unknown as { __sportelloBus?: BusState };
const state: BusState = (g.__sportelloBus ??= { subscribers: new Map(), seq: 0 });

function dispatch(event: BusMessage) {
  const targets =
    event.workspaceId === "*" ? [...state.subscribers.values()].flatMap((s) => [...s]) : [...(state.subscribers.get(event.workspaceId) ?? [])];
  for (const fn of targets) {
    try {
      fn(event);
    } catch (err) {
      console.error("[realtime] subscriber failed", err);
    }
  }
}

function start(): Promise<void> {
  state.started ??= getDatabase()
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
      state.started = undefined;
      throw err;
    });
  return state.started;
}

export async function subscribe(workspaceId: string, fn: Subscriber): Promise<() => void> {
  await start();
  let set = state.subscribers.get(workspaceId);
  if (!set) state.subscribers.set(workspaceId, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0) state.subscribers.delete(workspaceId);
  };
}

export function nextEventId(): number {
  return ++state.seq;
}
