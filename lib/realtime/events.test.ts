import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/types";
import { openDatabase } from "@/lib/db/connect";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { EVENTS_CHANNEL, publishEvent, publishEvents, type RealtimeEvent } from "./events";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const event = (conversationId: string): RealtimeEvent => ({ type: "conversation.updated", workspaceId: "w1", conversationId, fields: ["status"] });

async function collect(db: Database) {
  const got: Extract<RealtimeEvent, { conversationId: string }>[] = [];
  const stop = await db.listen(EVENTS_CHANNEL, (p) => got.push(JSON.parse(p) as (typeof got)[number]));
  return { got, stop };
}

const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));

describe("publishEvent", () => {
  it("delivers on commit and never for a rolled-back write", async () => {
    const { got, stop } = await collect(database);
    await database.db.transaction(async (tx) => {
      await publishEvent(tx, event("committed"));
    });
    await database.db
      .transaction(async (tx) => {
        await publishEvent(tx, event("rolled-back"));
        throw new Error("abort");
      })
      .catch(() => undefined);
    await settle();
    await stop();
    expect(got.map((e) => e.conversationId)).toEqual(["committed"]);
  });

  it("publishes more events than one statement's select list can hold (a big webhook batch)", async () => {
    const { got, stop } = await collect(database);
    const many = Array.from({ length: 1_700 }, (_, i) => event(`bulk-${i}`));
    await database.db.transaction((tx) => publishEvents(tx, many));
    for (let i = 0; i < 20 && got.filter((e) => e.conversationId.startsWith("bulk-")).length < many.length; i++) await settle(100);
    await stop();
    expect(new Set(got.filter((e) => e.conversationId.startsWith("bulk-")).map((e) => e.conversationId)).size).toBe(1_700);
  });

  it.runIf(testDbKind() === "postgres")("reaches another app process sharing the PostgreSQL database", async () => {
    // A second, independent connection set stands for a second `next start` process.
    const url = database.url;
    expect(url, "createTestDatabase must expose the url of a Postgres test database").toBeTruthy();
    const other = await openDatabase({ url: url! });
    try {
      const mine = await collect(database);
      const theirs = await collect(other);
      await publishEvent(other.db, event("from-process-b"));
      await publishEvent(database.db, event("from-process-a"));
      await settle(500);
      await Promise.all([mine.stop(), theirs.stop()]);
      expect(mine.got.map((e) => e.conversationId).sort()).toEqual(["from-process-a", "from-process-b"]);
      expect(theirs.got.map((e) => e.conversationId).sort()).toEqual(["from-process-a", "from-process-b"]);
    } finally {
      await other.close();
    }
  });
});
