// Wires the outbox to pg-boss: the send and mark-read workers, and the stranded-message sweeper.
// Plain module: lib/jobs/boss.ts runs it for the app, tests run it on their own database.
import { describeError } from "@/lib/errors/app-error";
import { eq, inArray } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { channels, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { QUEUES } from "@/lib/messages/outbox-queues";
import { markMessageRead, probeGraph, SendError, type FetchLike } from "@/lib/whatsapp/graph-client";
import { createOutageWatch, releaseRetryingSends } from "@/lib/messages/outage-watch";
import { enqueueSend, handleSendJob, requeueStrandedMessages, type SendConfig } from "@/lib/messages/outbox";

export type MarkReadJob = { wamid: string; phoneNumberId: string; typing?: boolean };
type SendJob = { messageId: string };

export type OutboxDeps = {
  db: Db;
  /** Read per job, so a changed token applies without a restart. */
  getConfig: () => SendConfig;
  fetchImpl?: FetchLike;
  pollingIntervalSeconds?: number;
  /** Sweeper period; 0 disables the timer (tests call requeueStrandedMessages themselves). */
  sweepIntervalMs?: number;
  batchSize?: number;
  /** While Graph is down, how often to ask whether it is back (ms); default 1,000. */
  probeEveryMs?: number;
};

export type OutboxWorkers = { sendWorkerId: string; markReadWorkerId: string; wake(): void; stop(): Promise<void> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const message = describeError;

export async function startOutboxWorkers(boss: PgBoss, deps: OutboxDeps): Promise<OutboxWorkers> {
  const fetchImpl = deps.fetchImpl ?? ((url, init) => fetch(url, init));
  const pollingIntervalSeconds = deps.pollingIntervalSeconds ?? 1;

  let sendWorkerId = "";
  const watch = createOutageWatch({
    probe: (phoneNumberId) => probeGraph({ ...deps.getConfig(), phoneNumberId }, fetchImpl),
    release: () => releaseRetryingSends(deps.db),
    wake: () => boss.notifyWorker(sendWorkerId),
    onRecovered: ({ released, downMs }) => console.info(`[outbox] WhatsApp answers again after ${Math.round(downMs / 1000)} s: ${released} held-back send${released === 1 ? "" : "s"} released`),
    probeEveryMs: deps.probeEveryMs,
  });

  async function runSend(job: PgBoss.JobWithMetadata<SendJob>, phoneNumberId: string | undefined) {
    const { messageId } = job.data;
    try {
      const result = await handleSendJob(deps.db, deps.getConfig(), messageId, fetchImpl, { isLastAttempt: job.retryCount >= job.retryLimit });
      if (result.outcome === "waiting") await enqueueSend(boss, messageId, { startAfterSeconds: Math.max(1, Math.ceil(result.retryInMs / 1000)) });
      if (result.outcome === "sent") watch.noteSuccess();
    } catch (err) {
      if (err instanceof SendError && phoneNumberId) watch.noteFailure(phoneNumberId, err);
      if (!(err instanceof SendError)) console.error(`[outbox] send job for ${messageId} failed:`, message(err));
      // Fail this job alone (pg-boss schedules the retry); the batch's other jobs complete normally.
      await boss.fail(QUEUES.send, job.id, { message: message(err) });
    }
  }

  // A batch is worked in parallel across conversations but in order within one, so two quick
  // replies to the same customer leave in the order they were written.
  const batchSize = deps.batchSize ?? 20;
  sendWorkerId = await boss.work<SendJob>(QUEUES.send, { includeMetadata: true, batchSize, pollingIntervalSeconds }, async (jobs) => {
    const rows = await deps.db
      .select({ id: messages.id, conversationId: messages.conversationId, phoneNumberId: channels.phoneNumberId })
      .from(messages)
      .leftJoin(channels, eq(channels.id, messages.channelId))
      .where(inArray(messages.id, jobs.map((j) => j.data.messageId).filter((id) => UUID.test(id))));
    const conversationOf = new Map(rows.map((r) => [r.id, r.conversationId]));
    const numberOf = new Map(rows.map((r) => [r.id, r.phoneNumberId ?? undefined]));
    const lanes = new Map<string, PgBoss.JobWithMetadata<SendJob>[]>();
    for (const job of jobs) {
      const key = conversationOf.get(job.data.messageId) ?? job.data.messageId;
      lanes.set(key, [...(lanes.get(key) ?? []), job]);
    }
    await Promise.all([...lanes.values()].map(async (lane) => {
      for (const job of lane) await runSend(job, numberOf.get(job.data.messageId));
    }));
    // A full batch means more are waiting: fetch again at once instead of after the poll interval.
    if (jobs.length >= batchSize) boss.notifyWorker(sendWorkerId);
  });

  const markReadWorkerId = await boss.work<MarkReadJob>(QUEUES.markRead, { batchSize: 5, pollingIntervalSeconds: Math.max(pollingIntervalSeconds, 2) }, async (jobs) => {
    await Promise.all(jobs.map(async (job) => {
      try {
        await markMessageRead({ ...deps.getConfig(), phoneNumberId: job.data.phoneNumberId }, job.data.wamid, fetchImpl, { typing: job.data.typing });
      } catch (err) {
        // Permanent errors (an old or unknown wamid) are dropped; transient ones get pg-boss's two retries.
        if (err instanceof SendError && err.transient) await boss.fail(QUEUES.markRead, job.id, { message: err.message });
        else console.warn(`[outbox] mark-read of ${job.data.wamid} dropped:`, message(err));
      }
    }));
  });

  let timer: ReturnType<typeof setInterval> | undefined;
  const sweep = async () => {
    try {
      const n = await requeueStrandedMessages(deps.db, boss);
      if (n > 0) console.info(`[outbox] re-enqueued ${n} stranded message${n === 1 ? "" : "s"}`);
    } catch (err) {
      console.error("[outbox] sweep failed:", message(err));
    }
  };
  const sweepMs = deps.sweepIntervalMs ?? 60_000;
  if (sweepMs > 0) {
    await sweep();
    timer = setInterval(() => void sweep(), sweepMs);
    timer.unref?.();
  }

  return {
    sendWorkerId,
    markReadWorkerId,
    /** Fetch now instead of at the next poll (after an enqueue in this process). */
    wake: () => boss.notifyWorker(sendWorkerId),
    async stop() {
      if (timer) clearInterval(timer);
      watch.stop();
      await boss.offWork(QUEUES.send);
      await boss.offWork(QUEUES.markRead);
    },
  };
}
