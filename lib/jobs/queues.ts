// pg-boss 10 on the app's own database, for PGlite and Postgres alike. Plain module (tests build a
// boss on their test database with it); the process-wide instance lives in ./boss.ts. Queues and
// their workers belong to the domains (lib/messages/outbox-queues.ts…), not to this folder.
import PgBoss from "pg-boss";
import type { Database } from "@/lib/db/types";

export const BOSS_SCHEMA = "pgboss";

const MULTI_STATEMENT = /;\s*\S/;

/**
 * pg-boss's `db` option over our Database. PGlite's query() is the extended protocol (one
 * statement, parameters); pg-boss also sends parameterless multi-statement scripts (schema
 * creation, `BEGIN; …; COMMIT;` maintenance), which go through exec(). A failed script leaves a
 * single-connection PGlite inside an aborted transaction, so it is rolled back at once.
 */
export function bossDbAdapter(database: Database): PgBoss.Db {
  const exec = async (text: string) => {
    try {
      await database.exec(text);
    } catch (err) {
      if (database.kind === "pglite") await database.exec("ROLLBACK").catch(() => undefined);
      throw err;
    }
    return { rows: [] };
  };
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) {
        // PGlite serialises `undefined` badly; Postgres treats it as null anyway.
        return { rows: (await database.query(text, values.map((v) => (v === undefined ? null : v)))) ?? [] };
      }
      if (database.kind === "postgres") return { rows: (await database.query(text)) ?? [] };
      if (MULTI_STATEMENT.test(text.trim())) return exec(text);
      try {
        return { rows: await database.query(text) };
      } catch (err) {
        if ((err as { code?: string }).code === "42601" && /multiple commands/.test(String((err as Error).message))) return exec(text);
        throw err;
      }
    },
  };
}

export type CreateBossOptions = {
  /** Postgres only: let pg-boss open its own pool instead of sharing the app's. */
  connectionString?: string;
  /** Maintenance (expiring stuck jobs, archiving) every this many seconds. */
  maintenanceIntervalSeconds?: number;
};

export function createBoss(database: Database, opts: CreateBossOptions = {}): PgBoss {
  const common = {
    schema: BOSS_SCHEMA,
    migrate: true,
    supervise: true,
    schedule: false, // no cron jobs: the sweeper is a plain timer
    maintenanceIntervalSeconds: opts.maintenanceIntervalSeconds ?? 60,
  };
  return opts.connectionString
    ? new PgBoss({ ...common, connectionString: opts.connectionString, max: 4, application_name: "sportello-jobs" })
    : new PgBoss({ ...common, db: bossDbAdapter(database) });
}

/** Creates (or updates) a domain's queues; idempotent, safe from several processes at once. */
export async function ensureQueues(boss: PgBoss, queues: readonly PgBoss.Queue[]): Promise<void> {
  for (const options of queues) {
    await boss.createQueue(options.name, options);
    await boss.updateQueue(options.name, options);
  }
}
