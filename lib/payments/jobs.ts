import "server-only";
import { describeError } from "@/lib/errors/app-error";
import type { JobModule } from "@/lib/jobs/boss";
import { expirePaymentRequests } from "./expire";

/** Pending requests expire on their own; SKIP LOCKED makes the timer safe from every process. */
export const paymentJobs: JobModule = {
  name: "payments",
  queues: [],
  async start({ database }) {
    const tick = () => expirePaymentRequests(database.db).catch((err) => console.error("[jobs] expiring payment requests:", describeError(err)));
    const timer = setInterval(tick, 30_000);
    timer.unref();
    void tick();
    return { stop: async () => clearInterval(timer) };
  },
};
