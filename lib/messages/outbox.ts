// The outbox: a `queued` outbound row is the source of truth; pg-boss jobs only say "look at it".
// Jobs may run twice, late, or after a crash: the status check and the attempt claim make every
// duplicate harmless, and an attempt whose outcome was lost is never blindly repeated.
import { randomUUID } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { channels, contacts, conversations, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { clearChannelAlert, raiseChannelAlert, TOKEN_ALERT } from "@/lib/channels/channels";
import { BOSS_SCHEMA } from "@/lib/jobs/queues";
import { QUEUES } from "@/lib/messages/outbox-queues";
import { buildSendBody, BuildSendBodyError } from "@/lib/whatsapp/build-send-body";
import { explainWhatsAppError } from "@/lib/whatsapp/error-text";
import { SEND_TIMEOUT_MS, SendError, sendMessage, type FetchLike, type GraphConfig } from "@/lib/whatsapp/graph-client";
import { adoptStoredOutcome, claimAttempt, markOrphaned, recordFailed, recordSent, releaseAttempt, sendStateOf, type MessageError, type SendState } from "@/lib/messages/send-state";
import { needsOpenWindow, windowState } from "@/lib/whatsapp/window";

/** An attempt younger than this may still be waiting for Meta's answer in some worker. */
export const IN_FLIGHT_MS = SEND_TIMEOUT_MS + 10_000;
/** How long an orphaned attempt waits for a status webhook that proves its outcome. */
export const EVIDENCE_WAIT_MS = 60_000;
const EVIDENCE_POLL_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const RESTARTED_MESSAGE = "Sportello restarted while sending; check the customer's chat before retrying.";
export const CONNECTION_LOST_MESSAGE = "The connection to WhatsApp broke while sending, so we cannot tell whether it arrived; check the customer's chat before retrying.";

export type SendConfig = Omit<GraphConfig, "phoneNumberId">;

export type SendJobResult =
  | { outcome: "sent"; wamid: string }
  | { outcome: "recovered"; wamid: string }
  | { outcome: "failed"; error: MessageError }
  | { outcome: "waiting"; retryInMs: number }
  | { outcome: "skipped"; reason: string };

export type SendJobOptions = {
  /** pg-boss's last retry: a transient error becomes a final failure instead of a rethrow. */
  isLastAttempt?: boolean;
  now?: () => Date;
};

/** Enqueues a send; a second job for the same message while one waits is dropped (policy "short"). */
export async function enqueueSend(boss: PgBoss, messageId: string, opts: { startAfterSeconds?: number } = {}): Promise<string | null> {
  return boss.send(QUEUES.send, { messageId }, { singletonKey: messageId, ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}) });
}

/**
 * The typing indicator rides on a read receipt (`typing_indicator`). Throttled per conversation in
 * the queue itself (pg-boss singleton slots), so every agent and process share one budget: null
 * when one already went out in this slot.
 */
export async function enqueueTypingIndicator(boss: PgBoss, conversationId: string, job: { wamid: string; phoneNumberId: string }, everySeconds: number): Promise<string | null> {
  return boss.sendThrottled(QUEUES.markRead, { ...job, typing: true }, {}, everySeconds, `typing:${conversationId}`);
}

async function loadOutbound(db: Db, messageId: string) {
  const [row] = await db
    .select({
      id: messages.id,
      workspaceId: messages.workspaceId,
      conversationId: messages.conversationId,
      channelId: messages.channelId,
      direction: messages.direction,
      kind: messages.kind,
      text: messages.text,
      payload: messages.payload,
      sendState: messages.sendState,
      status: messages.status,
      sendAttempts: messages.sendAttempts,
      replyToMessageId: messages.replyToMessageId,
      lastInboundAt: conversations.lastInboundAt,
      to: contacts.waId,
      recipient: contacts.bsuid,
      phoneNumberId: channels.phoneNumberId,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(contacts, eq(contacts.id, conversations.contactId))
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .where(eq(messages.id, messageId))
    .limit(1);
  return row;
}

async function quotedWamid(db: Db, conversationId: string, id: string | null): Promise<string | null> {
  if (!id) return null;
  const [q] = await db
    .select({ wamid: messages.providerMessageId })
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.id, id)))
    .limit(1);
  return q?.wamid ?? null;
}

const failure = (code: number | string, title: string, message: string): MessageError => ({ code, title, message });

function errorOf(err: SendError, attempts: number): MessageError {
  if (err.code === "network" || (typeof err.code === "string" && err.code.startsWith("http_5")) || (err.httpStatus ?? 0) >= 500) {
    return failure(err.code, err.title, `WhatsApp could not be reached after ${attempts} attempt${attempts === 1 ? "" : "s"}. Try again in a few minutes.`);
  }
  return failure(err.code, err.title, explainWhatsAppError(err.code, err.details ?? err.title));
}

/**
 * Sends one queued outbound message. Returns what happened; throws a transient SendError when
 * pg-boss should retry later.
 */
export async function handleSendJob(db: Db, cfg: SendConfig, messageId: string, fetchImpl: FetchLike = fetch, opts: SendJobOptions = {}): Promise<SendJobResult> {
  const now = opts.now ?? (() => new Date());
  if (!UUID.test(messageId)) return { outcome: "skipped", reason: "not a message id" };
  const row = await loadOutbound(db, messageId);
  if (!row) return { outcome: "skipped", reason: "message not found" };
  if (row.direction !== "outbound") return { outcome: "skipped", reason: "not an outbound message" };
  if (row.status !== "queued") return { outcome: "skipped", reason: `status is ${row.status}` };

  const state = sendStateOf(row.sendState);
  if (state?.attemptStartedAt) return resolveOpenAttempt(db, row, state, now());

  // No number connected yet: say so on the message instead of calling Meta without a token.
  if (!cfg.accessToken) {
    const error = failure("not_connected", "WhatsApp is not connected", "No WhatsApp number is connected yet. An admin connects one in Settings → WhatsApp numbers; then use Retry.");
    await recordFailed(db, row, error, null);
    return { outcome: "failed", error };
  }

  if (needsOpenWindow(row.kind) && !windowState(row.lastInboundAt, now()).open) {
    const error = failure(131047, "Re-engagement message", explainWhatsAppError(131047));
    await recordFailed(db, row, error, null);
    return { outcome: "failed", error };
  }

  let body: Record<string, unknown>;
  try {
    body = buildSendBody(row, { to: row.to, recipient: row.recipient, quotedWamid: await quotedWamid(db, row.conversationId, row.replyToMessageId) });
  } catch (err) {
    if (!(err instanceof BuildSendBodyError)) throw err;
    const error = failure("invalid_message", "Message cannot be sent", err.reason);
    await recordFailed(db, row, error, null);
    return { outcome: "failed", error };
  }

  const attemptId = randomUUID();
  const claimed = await claimAttempt(db, row, attemptId, now());
  if (!claimed) return { outcome: "skipped", reason: "another attempt holds this message" };
  const attempts = row.sendAttempts + 1;

  let wamid: string;
  try {
    ({ wamid } = await sendMessage({ ...cfg, phoneNumberId: row.phoneNumberId }, body, fetchImpl));
  } catch (err) {
    // Anything but a SendError is a bug of ours: the claim stays open and the next run treats it
    // as an interrupted attempt (proof or a clear failure, never a blind resend).
    if (!(err instanceof SendError)) throw err;
    if (err.uncertain) {
      await markOrphaned(db, row, claimed, now(), true);
      return { outcome: "waiting", retryInMs: EVIDENCE_POLL_MS };
    }
    if (err.transient && !opts.isLastAttempt) {
      await releaseAttempt(db, row, attemptId, { code: err.code, title: err.title, at: now().toISOString() });
      throw err;
    }
    const error = errorOf(err, attempts);
    await recordFailed(db, row, error, attemptId);
    if (err.code === 190) {
      console.error("[whatsapp] the access token was rejected (190): an admin must update WHATSAPP_ACCESS_TOKEN. Sends fail until then.");
      await updateAlert(() => raiseChannelAlert(db, row.channelId, { code: 190, title: err.title, message: TOKEN_ALERT }));
    }
    return { outcome: "failed", error };
  }
  // If this write fails (database gone), the open claim makes the next run look for proof first.
  await recordSent(db, row, attemptId, wamid, now(), claimed.webhookMark ?? 0);
  await updateAlert(() => clearChannelAlert(db, row.channelId));
  return { outcome: "sent", wamid };
}

/** The message's outcome is recorded first; the number's alert is secondary and must not undo it. */
async function updateAlert(write: () => Promise<void>) {
  try {
    await write();
  } catch (err) {
    console.warn("[whatsapp] could not update the number's alert:", err instanceof Error ? err.message : err);
  }
}

/**
 * An attempt started and never recorded an outcome (a crash, or an answer we never got). Policy:
 * adopt the outcome if a status webhook proves it; otherwise wait up to EVIDENCE_WAIT_MS for one;
 * then fail the message with words that tell the agent to look before retrying. Never resend.
 */
async function resolveOpenAttempt(db: Db, row: NonNullable<Awaited<ReturnType<typeof loadOutbound>>>, state: SendState, now: Date): Promise<SendJobResult> {
  const wamid = await adoptStoredOutcome(db, row, state);
  if (wamid) return { outcome: "recovered", wamid };
  const age = now.getTime() - new Date(state.attemptStartedAt!).getTime();
  if (!state.orphanSince && age < IN_FLIGHT_MS) return { outcome: "waiting", retryInMs: Math.max(1_000, IN_FLIGHT_MS - age) };
  const orphan = state.orphanSince ? state : await markOrphaned(db, row, state, now, false);
  const waited = now.getTime() - new Date(orphan.orphanSince!).getTime();
  if (waited < EVIDENCE_WAIT_MS) return { outcome: "waiting", retryInMs: Math.min(EVIDENCE_POLL_MS, EVIDENCE_WAIT_MS - waited) };
  const error = orphan.uncertain
    ? failure("send_outcome_unknown", "Connection lost while sending", CONNECTION_LOST_MESSAGE)
    : failure("send_interrupted", "Interrupted while sending", RESTARTED_MESSAGE);
  await recordFailed(db, row, error, state.attemptId ?? null);
  return { outcome: "failed", error };
}

/**
 * Queued outbound messages older than `olderThanMs` that no live job covers get a new job, so a
 * restart (or a lost enqueue after commit) loses nothing. A job stuck `active` for minutes
 * belongs to a dead process and does not count.
 */
export async function requeueStrandedMessages(db: Db, boss: PgBoss, opts: { olderThanMs?: number; limit?: number } = {}): Promise<number> {
  const cutoff = new Date(Date.now() - (opts.olderThanMs ?? 10_000));
  const job = sql.raw(`${BOSS_SCHEMA}.job`);
  const stranded = await db
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.status, "queued"),
        eq(messages.direction, "outbound"),
        lt(messages.createdAt, cutoff),
        sql`not exists (select 1 from ${job} j where j.name = ${QUEUES.send} and j.singleton_key = ${messages.id}::text
              and j.state < 'completed' and not (j.state = 'active' and j.started_on < now() - interval '3 minutes'))`,
      ),
    )
    .orderBy(messages.createdAt)
    .limit(opts.limit ?? 500);
  let n = 0;
  for (const { id } of stranded) if (await enqueueSend(boss, id)) n++;
  return n;
}
