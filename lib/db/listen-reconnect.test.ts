// The LISTEN connection on PostgreSQL survives the server going away for a while (a crash and its
// recovery): it keeps retrying until the server answers, re-subscribes, and says so (subscribers
// resync); the loss itself is reported when it happens. PostgreSQL only (TEST_DATABASE_URL); the server is reached through a TCP relay this
// test cuts and restores, so no real server is harmed. Found by the fault suite
// (scripts/faults/pgcrash.ts): the old code tried once, 500 ms after the loss, and gave up.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openDatabase } from "@/lib/db/connect";
import type { Database } from "@/lib/db/types";

const serverUrl = process.env.TEST_DATABASE_URL;

/** A TCP relay to the test server that can refuse connections and cut the open ones. */
function relay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(Number(target.port || 5432), target.hostname);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  return {
    listen,
    get port() {
      return port;
    },
    /** The server "crashes": open connections die, new ones are refused until `listen()`. */
    async cut() {
      await new Promise<void>((resolve) => {
        server?.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

describe.skipIf(!serverUrl)("LISTEN on PostgreSQL across a server outage", () => {
  const target = new URL(serverUrl ?? "postgres://x@127.0.0.1:1/x");
  const r = relay(target);
  let database: Database;

  beforeAll(async () => {
    await r.listen();
    const url = new URL(target);
    url.port = String(r.port);
    database = await openDatabase({ url: url.toString() });
  });
  afterAll(async () => {
    await database?.close();
    await r.cut();
  });

  it("retries until the server is back, re-subscribes and reports the reconnect", async () => {
    const payloads: string[] = [];
    let reconnects = 0;
    let losses = 0;
    const unlisten = await database.listen("sportello_listen_test", (p) => payloads.push(p), () => reconnects++, () => losses++);
    const notify = async (payload: string) => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query("select pg_notify('sportello_listen_test', $1)", [payload]);
      await c.end();
    };
    await notify("before");
    await expect.poll(() => payloads).toContain("before");

    // Down for 2.5 s: several reconnect attempts are refused before it answers again.
    await r.cut();
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(reconnects).toBe(0);
    // Told once that events may be missed (the session cache stops keeping sessions from here).
    expect(losses).toBe(1);
    // A new subscriber meanwhile is told it is not listening, rather than promised it is.
    await expect(database.listen("sportello_listen_other", () => undefined)).rejects.toThrow(/reconnecting/);
    await r.listen();

    await expect.poll(() => reconnects, { timeout: 10_000 }).toBe(1);
    expect(losses).toBe(1);
    await notify("after");
    await expect.poll(() => payloads).toContain("after");
    // Once back, another channel joins the same connection.
    const other: string[] = [];
    const unlistenOther = await database.listen("sportello_listen_other", (p) => other.push(p));
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query("select pg_notify('sportello_listen_other', 'joined')");
    await c.end();
    await expect.poll(() => other).toContain("joined");
    await unlistenOther();
    await unlisten();
  }, 30_000);
});
