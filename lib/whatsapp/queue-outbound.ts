import "server-only";
import { getJobs } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { enqueueSend } from "./outbox";
import type { MarkReadJob } from "./outbox-worker";

/**
 * Hands a committed `queued` message to the outbox and wakes this process's worker, so the send
 * starts now instead of at the next poll. If the enqueue itself fails the row stays queued and the
 * sweeper picks it up within a minute: the caller's reply is stored either way.
 */
export async function queueOutbound(messageId: string): Promise<void> {
  try {
    const { boss, workers } = await getJobs();
    await enqueueSend(boss, messageId);
    workers.wake();
  } catch (err) {
    console.error(`[outbox] could not enqueue ${messageId} (the sweeper will):`, err instanceof Error ? err.message : err);
  }
}

/** Best effort blue ticks: one job per wamid at a time, never an error for the caller. */
export async function queueMarkRead(job: MarkReadJob): Promise<void> {
  try {
    const { boss } = await getJobs();
    await boss.send(QUEUES.markRead, job, { singletonKey: job.wamid });
  } catch (err) {
    console.warn("[outbox] could not enqueue mark-read:", err instanceof Error ? err.message : err);
  }
}
