import "server-only";
import { describeError } from "@/lib/errors/app-error";
import type { JobModule } from "@/lib/jobs/boss";
import { foldMessageBuckets } from "./buckets";

const EVERY_MS = 10 * 60_000;
// Buckets this old no longer get messages but for a rare late delivery (which adds a shard row
// again, folded on the next tick).
const AFTER_MS = 60 * 60_000;

/** Keeps the heatmap's rollup compact: every process folds old shards on a timer (SKIP LOCKED). */
export const reportJobs: JobModule = {
  name: "reports",
  queues: [],
  async start({ database }) {
    const fold = async () => {
      while ((await foldMessageBuckets(database.db, { before: new Date(Date.now() - AFTER_MS) })) > 0);
    };
    const timer = setInterval(() => {
      fold().catch((err) => console.error("[jobs] folding the heatmap's rollup:", describeError(err)));
    }, EVERY_MS);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  },
};
