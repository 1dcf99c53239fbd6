import "server-only";
import type PgBoss from "pg-boss";
import { describeError } from "@/lib/errors/app-error";
import type { JobModule } from "@/lib/jobs/boss";
import { drainAllQueues } from "./sweep";
import { markIdleAway } from "./availability";

const QUEUE = "assignment.tick";
const EVERY_MS = 30_000;

/**
 * Routing's background work, one pg-boss job every 30 s for the whole cluster: each serving
 * process asks for it, the "stately" queue keeps at most one waiting and one running. The job
 * moves idle online teammates to away (workspaces.auto_away_minutes) and drains any queue a
 * missed trigger left behind (every change that frees an agent drains at once; this is the net).
 */
export const assignmentJobs: JobModule = {
  name: "assignment",
  queues: [{ name: QUEUE, policy: "stately", retryLimit: 0, expireInSeconds: 60, retentionMinutes: 30 }] satisfies PgBoss.Queue[],
  async start({ boss, database }) {
    await boss.work(QUEUE, { pollingIntervalSeconds: 5 }, async () => {
      const away = await markIdleAway(database.db);
      if (away.length > 0) console.info(`[assignment] ${away.length} idle teammate${away.length === 1 ? "" : "s"} set to away`);
      await drainAllQueues(database.db);
    });
    const ask = () => boss.send(QUEUE, {}).catch((err) => console.error("[assignment] could not schedule the tick:", describeError(err)));
    const timer = setInterval(() => void ask(), EVERY_MS);
    timer.unref();
    void ask();
    return { stop: async () => clearInterval(timer) };
  },
};
