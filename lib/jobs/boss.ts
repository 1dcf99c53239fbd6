import "server-only";
import { describeError } from "@/lib/errors/app-error";
import type PgBoss from "pg-boss";
import { getDatabase } from "@/lib/db/client";
import type { Database } from "@/lib/db/types";
import { isBuildPhase } from "@/lib/env";
import { createBoss, ensureQueues } from "./queues";

// ONE pg-boss per process, on the app database (PGlite through the executeSql adapter, Postgres
// through the app's own pool). The domains own their queues and workers: each exports a JobModule
// and the composition root (lib/background) registers them before the first use. On globalThis:
// Next evaluates modules more than once (instrumentation, each route bundle, dev HMR).

export type RunningModule = { wake?(): void; stop(): Promise<void> };

/** A domain's background work: its queues, and what to start once pg-boss runs. */
export type JobModule = {
  name: string;
  queues: readonly PgBoss.Queue[];
  start(ctx: { boss: PgBoss; database: Database }): Promise<RunningModule>;
};

type Jobs = { boss: PgBoss; modules: Map<string, RunningModule> };
const g = globalThis as unknown as { __sportelloJobs?: Promise<Jobs>; __sportelloJobsShutdown?: boolean; __sportelloJobModules?: JobModule[] };

/** Called by the composition root (lib/background) of a process that runs background work. */
export function registerJobModules(modules: JobModule[]): void {
  g.__sportelloJobModules = modules;
}

async function start(modules: JobModule[]): Promise<Jobs> {
  const database = await getDatabase();
  const boss = createBoss(database);
  boss.on("error", (err) => console.error("[jobs] pg-boss:", describeError(err)));
  await boss.start();
  const running = new Map<string, RunningModule>();
  for (const m of modules) {
    await ensureQueues(boss, m.queues);
    running.set(m.name, await m.start({ boss, database }));
  }
  installShutdown();
  console.info(`[jobs] pg-boss started on ${database.kind}: ${modules.map((m) => m.name).join(", ")}`);
  return { boss, modules: running };
}

/** The process's pg-boss with the registered workers, started on first use. */
export function getJobs(): Promise<Jobs> {
  if (isBuildPhase()) return Promise.reject(new Error("Background jobs do not run during `next build`."));
  const modules = g.__sportelloJobModules;
  if (!modules) return Promise.reject(new Error("No background work is registered in this process."));
  g.__sportelloJobs ??= start(modules).catch((err) => {
    g.__sportelloJobs = undefined; // let the next caller try again
    throw err;
  });
  return g.__sportelloJobs;
}

/** Whether this process runs background work (the app does; tests and one-off scripts do not). */
export function runsJobs(): boolean {
  return !!g.__sportelloJobModules && !isBuildPhase();
}

/** Stops workers (jobs in hand finish or fail over to a retry), then pg-boss. */
export async function stopJobs(): Promise<void> {
  const jobs = g.__sportelloJobs;
  g.__sportelloJobs = undefined;
  if (!jobs) return;
  const started = await jobs.catch(() => null);
  if (!started) return;
  for (const m of started.modules.values()) await m.stop().catch(() => undefined);
  await started.boss.stop({ graceful: true, timeout: 10_000, close: false });
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
