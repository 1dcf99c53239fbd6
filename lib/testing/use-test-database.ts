import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/types";
import { createTestDatabase, type TestDatabase } from "./db";

/**
 * A fresh, migrated database for the enclosing describe block (PGlite, or PostgreSQL with
 * TEST_DATABASE_URL), opened before its tests and closed after: the beforeAll/afterAll pair most
 * test files used to write out. Read `.db` inside tests and hooks, not at collection time.
 */
export function useTestDatabase(): { readonly database: TestDatabase; readonly db: Db } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });
  const current = () => {
    if (!database) throw new Error("useTestDatabase: the database is opened in beforeAll; read it inside a test or hook");
    return database;
  };
  return {
    get database() {
      return current();
    },
    get db() {
      return current().db;
    },
  };
}
