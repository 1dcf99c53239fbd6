import "server-only";
import { describeError } from "@/lib/errors/app-error";
import type { JobModule } from "@/lib/jobs/boss";
import { compactConversationCounts } from "./view-counts";
import { wakeSnoozedConversations } from "./wake-snoozed";

/**
 * Snoozed conversations wake on their own, at most ~10 s after their time (one indexed query per
 * tick per process); SKIP LOCKED makes the timer safe from every process.
 */
export const snoozeJobs: JobModule = {
  name: "snooze",
  queues: [],
  async start({ database }) {
    const timer = setInterval(() => {
      wakeSnoozedConversations(database.db).catch((err) => console.error("[jobs] waking snoozed conversations:", describeError(err)));
    }, 10_000);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  },
};

/**
 * The view counts' deltas (conversation_counts, migration 0019) folded every 10 s, so a count reads
 * one row per group plus the last seconds' changes (a burst of inbound messages waking pending
 * conversations writes two rows each). Any number of processes may fold at once.
 */
export const viewCountJobs: JobModule = {
  name: "view-counts",
  queues: [],
  async start({ database }) {
    const fold = () => compactConversationCounts(database.db).catch((err) => console.error("[jobs] folding the view counts:", describeError(err)));
    void fold();
    const timer = setInterval(fold, 10_000);
    timer.unref();
    return { stop: async () => clearInterval(timer) };
  },
};
