// Every LISTEN of a process shares one session connection (realtime, the session cache, the
// webhook worker): behind a transaction pooler each would otherwise be a connection to the primary
// itself. PostgreSQL only (TEST_DATABASE_URL): PGlite has no connections.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { openDatabase } from "./connect";
import type { Database } from "./types";

const serverUrl = process.env.TEST_DATABASE_URL;
const APP = `listener-test-${process.pid}`;

describe.skipIf(!serverUrl)("one LISTEN connection per process", () => {
  let database: Database;
  let probe: pg.Client;
  beforeAll(async () => {
    database = await openDatabase({ url: serverUrl!, applicationName: APP });
    probe = new pg.Client({ connectionString: serverUrl });
    await probe.connect();
  });
  afterAll(async () => {
    await database?.close();
    await probe?.end();
  });

  const listenConnections = async () =>
    Number((await probe.query<{ n: string }>("select count(*) as n from pg_stat_activity where application_name = $1", [`${APP}-listen`])).rows[0]!.n);
  const notify = (channel: string, payload: string) => probe.query("select pg_notify($1, $2)", [channel, payload]);

  it("carries every channel on one connection, and closes it with the last subscriber", async () => {
    const got: string[] = [];
    const [stopA, stopB, stopA2] = await Promise.all([
      database.listen("listener_test_a", (p) => got.push(`a:${p}`)),
      database.listen("listener_test_b", (p) => got.push(`b:${p}`)),
      database.listen("listener_test_a", (p) => got.push(`a2:${p}`)),
    ]);
    expect(await listenConnections()).toBe(1);
    await notify("listener_test_a", "1");
    await notify("listener_test_b", "2");
    await expect.poll(() => [...got].sort()).toEqual(["a2:1", "a:1", "b:2"]);

    // One of channel a's two subscribers leaves: the other still hears it.
    await stopA();
    await notify("listener_test_a", "3");
    await expect.poll(() => got).toContain("a2:3");
    expect(got).not.toContain("a:3");

    // Channel b's only subscriber leaves: UNLISTEN, the connection stays for channel a.
    await stopB();
    await notify("listener_test_b", "4");
    await notify("listener_test_a", "5");
    await expect.poll(() => got).toContain("a2:5");
    expect(got).not.toContain("b:4");
    expect(await listenConnections()).toBe(1);

    await stopA2();
    await expect.poll(listenConnections).toBe(0);

    // A new subscriber opens it again.
    const stopC = await database.listen("listener_test_c", (p) => got.push(`c:${p}`));
    await notify("listener_test_c", "6");
    await expect.poll(() => got).toContain("c:6");
    expect(await listenConnections()).toBe(1);
    await stopC();
  });
});
