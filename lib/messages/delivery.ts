import "server-only";
import { getJobs, runsJobs } from "@/lib/jobs/boss";
import { enqueueSend, enqueueTypingIndicator } from "./outbox";
import { QUEUES } from "./outbox-queues";
import type { MarkReadJob } from "./outbox-worker";

// After a message is committed `queued`, its domain function hands it to the outbox here. The row
// IS the outbox: if the enqueue fails, or this process runs no background work (a one-off script,
// a test), the sweeper of a process that does picks it up within a minute. Never an error for the
// caller, whose message is stored either way.

/** Enqueues the send and wakes this process's worker, so it starts now instead of at the next poll. */
export async function scheduleDelivery(messageId: string): Promise<void> {
  if (!runsJobs()) return;
  try {
    const { boss, modules } = await getJobs();
    await enqueueSend(boss, messageId);
    modules.get("outbox")?.wake?.();
  } catch (err) {
    console.error(`[outbox] could not enqueue ${messageId} (the sweeper will):`, err instanceof Error ? err.message : err);
  }
}

/** Best effort blue ticks: one job per wamid at a time. */
export async function scheduleReadReceipt(job: MarkReadJob): Promise<void> {
  if (!runsJobs()) return;
  try {
    const { boss } = await getJobs();
    await boss.send(QUEUES.markRead, job, { singletonKey: job.wamid });
  } catch (err) {
    console.warn("[outbox] could not enqueue mark-read:", err instanceof Error ? err.message : err);
  }
}

/** The typing indicator, throttled in the queue: false when one already went out in this slot. */
export async function scheduleTypingIndicator(conversationId: string, target: { wamid: string; phoneNumberId: string }, everySeconds: number): Promise<boolean> {
  if (!runsJobs()) return false;
  try {
    const { boss } = await getJobs();
    return (await enqueueTypingIndicator(boss, conversationId, target, everySeconds)) !== null;
  } catch (err) {
    console.warn("[outbox] could not enqueue the typing indicator:", err instanceof Error ? err.message : err);
    return false;
  }
}
