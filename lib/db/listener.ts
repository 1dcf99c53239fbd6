import pg from "pg";
import type { Listener } from "./types";

type Subscription = { channel: string; onPayload: Listener; onReconnect?: () => void; onLost?: () => void };

/**
 * One session connection per process for every LISTEN of it (realtime, the session cache, the
 * webhook worker's wake-ups): behind a transaction pooler each is a connection to the primary
 * itself, so they share one instead of holding one per channel (docs/scaling.md).
 */
/** A subscriber's callback: one that throws must not keep the others from hearing. */
function tell(fn: () => void) {
  try {
    fn();
  } catch (err) {
    console.error("[db] a LISTEN subscriber failed:", err instanceof Error ? err.message : err);
  }
}

export function createListener({ url, applicationName }: { url: string; applicationName?: string }) {
  const subscriptions = new Set<Subscription>();
  let client: pg.Client | undefined;
  // Each channel's LISTEN on the current connection, done or under way.
  let listened = new Map<string, Promise<unknown>>();
  let connecting: Promise<void> | undefined;
  let reconnecting = false;
  let closed = false;

  const connect = async (): Promise<void> => {
    // keepAlive: a half-open socket (a dead peer, a dropped NAT entry) is noticed and reported lost.
    const c = new pg.Client({ connectionString: url, keepAlive: true, ...(applicationName ? { application_name: `${applicationName}-listen` } : {}) });
    c.on("notification", (msg) => {
      if (!msg.payload) return;
      for (const s of subscriptions) if (s.channel === msg.channel) tell(() => s.onPayload(msg.payload!));
    });
    // A dead connection says so with `error` (killed backend, reset socket) or only `end` (the
    // server closed it): either way every LISTEN on it is gone.
    c.on("error", () => lost(c));
    c.on("end", () => lost(c));
    // Every channel subscribed by the time it is installed, including those added while connecting.
    const channels = new Set<string>();
    try {
      await c.connect();
      for (;;) {
        const missing = [...new Set([...subscriptions].map((s) => s.channel))].filter((ch) => !channels.has(ch));
        if (missing.length === 0) break;
        for (const channel of missing) {
          await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
          channels.add(channel);
        }
      }
    } catch (err) {
      await c.end().catch(() => undefined);
      throw err;
    }
    if (closed || subscriptions.size === 0) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    listened = new Map([...channels].map((channel) => [channel, Promise.resolve()]));
  };

  // Events sent while we were away are gone: say so, reconnect (retrying until the server is back,
  // e.g. through a crash recovery), then let every subscriber resync.
  const lost = (c: pg.Client) => {
    if (closed || client !== c || reconnecting) return;
    client = undefined;
    listened = new Map();
    reconnecting = true;
    for (const s of subscriptions) if (s.onLost) tell(s.onLost);
    void (async () => {
      for (let attempt = 0; !closed && subscriptions.size > 0; attempt++) {
        await new Promise((r) => setTimeout(r, Math.min(5_000, 250 * 2 ** attempt)).unref());
        if (closed || subscriptions.size === 0) break;
        try {
          await connect();
          reconnecting = false;
          for (const s of subscriptions) if (s.onReconnect) tell(s.onReconnect);
          return;
        } catch (err) {
          if (attempt === 0 || attempt % 10 === 9) console.error(`[db] LISTEN: reconnecting (${err instanceof Error ? err.message : err})`);
        }
      }
      reconnecting = false;
    })();
  };

  /** LISTENs on the connection there is, opening it if there is none; resolves once listening. */
  const ensure = async (channel: string): Promise<void> => {
    for (;;) {
      if (client) {
        let done = listened.get(channel);
        if (!done) listened.set(channel, (done = client.query(`LISTEN ${pg.escapeIdentifier(channel)}`)));
        await done;
        return;
      }
      // Not listening, and not about to say so: the caller retries, as when the server is down at start.
      if (reconnecting) throw new Error("the LISTEN connection is reconnecting");
      connecting ??= connect().finally(() => (connecting = undefined));
      await connecting;
      if (!client) return;
    }
  };

  return {
    async listen(channel: string, onPayload: Listener, onReconnect?: () => void, onLost?: () => void): Promise<() => Promise<void>> {
      const subscription: Subscription = { channel, onPayload, onReconnect, onLost };
      subscriptions.add(subscription);
      try {
        await ensure(channel);
      } catch (err) {
        subscriptions.delete(subscription);
        throw err;
      }
      return async () => {
        if (!subscriptions.delete(subscription)) return;
        const c = client;
        if (!c) return;
        if (subscriptions.size === 0) {
          client = undefined;
          listened = new Map();
          await c.end().catch(() => undefined);
        } else if (![...subscriptions].some((s) => s.channel === channel)) {
          listened.delete(channel);
          await c.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
