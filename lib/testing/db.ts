// Test-only: a fresh, migrated database per call.
// TEST_DATABASE_URL set → a uniquely named database on that server, dropped on close.
// Otherwise → an in-memory PGlite.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase } from "@/lib/db/connect";
import type { Database } from "@/lib/db/types";

export type TestDbKind = "pglite" | "postgres";

export function testDbKind(): TestDbKind {
  return process.env.TEST_DATABASE_URL ? "postgres" : "pglite";
}

export type TestDatabase = Database & { url?: string };

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({ memory: true });
    await database.migrate();
    return database;
  }

  const name = `sportello_test_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() });
  const close = database.close.bind(database);
  let closed = false;
  const wrapped: TestDatabase = {
    ...database,
    url: url.toString(),
    async close() {
      if (closed) return;
      closed = true;
      await close();
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
  try {
    await wrapped.migrate();
  } catch (err) {
    await wrapped.close().catch(() => undefined);
    throw err;
  }
  return wrapped;
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
