import "server-only";
import { describeError } from "@/lib/errors/app-error";
import type { JobModule } from "@/lib/jobs/boss";
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
