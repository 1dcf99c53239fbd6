import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaces } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "./db";

describe(`createTestDatabase (${testDbKind()})`, () => {
  let database: Database;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  it("opens the expected kind of database", () => {
    expect(database.kind).toBe(testDbKind());
  });

  it("applies the migrations: workspaces exists and is empty", async () => {
    const rows = await database.query<{ n: number }>("select count(*)::int as n from workspaces");
    expect(rows[0]?.n).toBe(0);
  });

  it("inserts and reads back a workspace through drizzle", async () => {
    const [ws] = await database.db
      .insert(workspaces)
      .values({ name: "Volo Azzurro", verifiedName: "Volo Azzurro S.r.l." })
      .returning();
    expect(ws?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(ws?.timezone).toBe("Europe/Rome");
    const all = await database.db.select().from(workspaces);
    expect(all).toHaveLength(1);
  });

  it("is isolated: a second test database starts empty", async () => {
    const other = await createTestDatabase();
    try {
      const rows = await other.query<{ n: number }>("select count(*)::int as n from workspaces");
      expect(rows[0]?.n).toBe(0);
    } finally {
      await other.close();
    }
  });
});
