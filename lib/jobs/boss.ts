import "server-only";
import type PgBoss from "pg-boss";
import { getDatabase } from "@/lib/db/client";
import { getWhatsAppConfig, isBuildPhase } from "@/lib/env";
import { startOutboxWorkers, type OutboxWorkers } from "@/lib/whatsapp/outbox-worker";
import { wakeSnoozedConversations } from "@/lib/conversations/wake-snoozed";
import { createBoss, ensureQueues, QUEUES } from "./queues";

// ONE pg-boss per process, on the app database (PGlite through the executeSql adapter, Postgres
// through the app's own pool), with the outbox workers attached. On globalThis: Next evaluates
// modules more than once (instrumentation, each route bundle, dev HMR).
type Jobs = { boss: PgBoss; workers: OutboxWorkers };
const g = globalThis as unknown as { __sportelloJobs?: Promise<Jobs>; __sportelloJobsShutdown?: boolean };

async function start(): Promise<Jobs> {
  const database = await getDatabase();
  const boss = createBoss(database);
  boss.on("error", (err) => console.error("[jobs] pg-boss:", err instanceof Error ? err.message : err));
  await boss.start();
  await ensureQueues(boss);
  const workers = await startOutboxWorkers(boss, {
    db: database.db,
    getConfig: () => {
      const c = getWhatsAppConfig();
      return { accessToken: c.accessToken, graphUrl: c.graphUrl, apiVersion: c.apiVersion };
    },
  });
  // Snoozed conversations wake on their own; SKIP LOCKED makes this safe from every process.
  setInterval(() => {
    wakeSnoozedConversations(database.db).catch((err) => console.error("[jobs] waking snoozed conversations:", err instanceof Error ? err.message : err));
  }, 30_000).unref();
  installShutdown();
  console.info(`[jobs] pg-boss started on ${database.kind}: queues ${Object.values(QUEUES).join(", ")}`);
  return { boss, workers };
}

/** The process's pg-boss with its workers, started on first use. */
export function getJobs(): Promise<Jobs> {
  if (isBuildPhase()) return Promise.reject(new Error("Background jobs do not run during `next build`."));
  g.__sportelloJobs ??= start().catch((err) => {
    g.__sportelloJobs = undefined; // let the next caller try again
    throw err;
  });
  return g.__sportelloJobs;
}

export async function getBoss(): Promise<PgBoss> {
  return (await getJobs()).boss;
}

/** Stops workers (jobs in hand finish or fail over to a retry), then pg-boss. */
export async function stopJobs(): Promise<void> {
  const jobs = g.__sportelloJobs;
  g.__sportelloJobs = undefined;
  if (!jobs) return;
  const { boss, workers } = await jobs.catch(() => ({ boss: null, workers: null }));
  await workers?.stop();
  await boss?.stop({ graceful: true, timeout: 10_000, close: false });
}

function installShutdown() {
  if (g.__sportelloJobsShutdown) return;
  g.__sportelloJobsShutdown = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      // Next's own handler exits the process; re-raise only when nobody else would.
      const alone = process.listenerCount(signal) === 0;
      void stopJobs().finally(() => alone && process.kill(process.pid, signal));
    });
  }
}
