import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { channels, webhookEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { describeError } from "@/lib/errors/app-error";
import type { ChannelRef, InboundMessage } from "@/lib/content/inbound-message";
import { recordInboundBatch } from "@/lib/conversations/record-inbound-batch";
import { routeNewConversations } from "@/lib/assignment/inbound";
import { DuplicateMessageRace } from "@/lib/conversations/record-inbound";
import { applyMessageStatuses } from "@/lib/messages/delivery-status";
import { scheduleDelivery } from "@/lib/messages/delivery";
import { toEchoMessage, toInboundMessage } from "@/lib/whatsapp/message-content";
import { recordEchoes } from "@/lib/conversations/record-echo";
import { flattenNotification, parseWebhookBody, type StatusUpdate } from "@/lib/whatsapp/payload";
import { applyTemplateNotifications, type TemplateNotification } from "@/lib/templates/notifications";

/** After this many failed attempts an event stops being retried and is left `failed` for a human. */
export const MAX_WEBHOOK_ATTEMPTS = 5;

export type EventOutcome = "processed" | "failed" | "retry" | "malformed" | "skipped";

type ClaimedEvent = { id: number; body: string; attempts: number };

/** Events claimed and processed per transaction by a drain. */
export const WEBHOOK_BATCH_SIZE = 100;

// Events are processed in batches: one claim, one transaction, one commit and a set-based status
// update for up to WEBHOOK_BATCH_SIZE events (statuses are ~¾ of all traffic). A batch holds many
// customers' rows at once, so it takes them in a fixed order (inbound messages sorted by
// customer, message rows by id) to keep parallel processors from deadlocking. Whatever still goes
// wrong in a batch — a deadlock, a wamid stored concurrently, one poisoned event — rolls the
// batch back and its events are run again one per transaction, where a failure is pinned on the
// event that caused it. An event that has failed before is always run on its own.

/**
 * Processes one stored event (pending, or failed for a manual retry). All of an event's items
 * commit together or not at all; a failure is recorded on the event and retried later.
 */
export async function processWebhookEvent(db: Db, eventId: number): Promise<EventOutcome> {
  const claim = and(eq(webhookEvents.id, eventId), inArray(webhookEvents.status, ["pending", "failed"]))!;
  return (await processOne(db, claim, false)) ?? "skipped";
}

export type DrainResult = { claimed: number; processed: number; failed: number };

/**
 * Processes pending events in id order. Claims use FOR UPDATE SKIP LOCKED, so several app
 * processes on one Postgres share the work without doing it twice; rows still pending after a
 * crash are simply claimed again on the next run. An event that fails is retried on a later
 * run (up to MAX_WEBHOOK_ATTEMPTS), not in a loop within this one.
 */
export async function processPendingWebhookEvents(
  db: Db,
  opts: {
    limit?: number;
    batchSize?: number | (() => number);
    pause?: () => Promise<void>;
    /** Told after each batch how many events it claimed of the `size` asked for (full: a backlog). */
    onBatch?: (claimed: number, size: number) => void;
  } = {},
): Promise<DrainResult> {
  const limit = opts.limit ?? 500;
  const batchSize = () => Math.max(1, (typeof opts.batchSize === "function" ? opts.batchSize() : opts.batchSize) ?? WEBHOOK_BATCH_SIZE);
  const result: DrainResult = { claimed: 0, processed: 0, failed: 0 };
  let after = 0;
  while (result.claimed < limit) {
    const size = Math.min(batchSize(), limit - result.claimed);
    const outcomes = await processBatch(db, after, size, (id) => (after = Math.max(after, id)));
    opts.onBatch?.(outcomes.length, size);
    if (outcomes.length === 0) break;
    for (const outcome of outcomes) {
      result.claimed++;
      if (outcome === "processed") result.processed++;
      else if (outcome === "failed" || outcome === "retry") result.failed++;
    }
    // A partial batch: nothing else was pending (SKIP LOCKED applies before LIMIT). Events stored
    // meanwhile are the next drain's, so a trickle is not claimed one event per transaction.
    if (outcomes.length < size) break;
    // Let waiting I/O run between batches: PGlite works on this thread, and a drain made only of
    // resolved promises would otherwise starve incoming webhook POSTs until it ends. `pause`
    // lets the caller give storing new POSTs priority (answering Meta fast beats processing).
    await new Promise<void>((resolve) => setImmediate(resolve));
    await opts.pause?.();
  }
  return result;
}

/** Claims up to `size` pending events after `after` and processes them; [] when there are none. */
async function processBatch(db: Db, after: number, size: number, onClaim: (id: number) => void): Promise<EventOutcome[]> {
  let claimed: ClaimedEvent[] = [];
  const afterCommit = newAfterCommit();
  let outcomes: EventOutcome[] | undefined;
  try {
    outcomes = await db.transaction(async (tx) => {
      claimed = await tx
        .select({ id: webhookEvents.id, body: webhookEvents.body, attempts: webhookEvents.attempts })
        .from(webhookEvents)
        .where(and(eq(webhookEvents.status, "pending"), gt(webhookEvents.id, after)))
        .orderBy(asc(webhookEvents.id))
        .limit(size)
        .for("update", { skipLocked: true });
      for (const e of claimed) onClaim(e.id);
      const fresh = claimed.filter((e) => e.attempts === 0);
      return fresh.length > 0 ? processClaimed(tx, fresh, afterCommit) : [];
    });
  } catch (err) {
    if (claimed.length === 0) throw err; // the claim itself failed: the database is unwell, stop this run
    if (!(err instanceof DuplicateMessageRace)) console.warn(`[whatsapp] a batch of ${claimed.length} webhook events rolled back (${describeError(err).slice(0, 200)}); running them one by one`);
    outcomes = undefined; // rolled back: every claimed event is run again on its own below
  }
  if (outcomes) await runAfterCommit(db, afterCommit);
  const alone = outcomes ? claimed.filter((e) => e.attempts > 0) : claimed;
  const results = outcomes ?? [];
  for (const e of alone) {
    results.push((await processOne(db, and(eq(webhookEvents.id, e.id), eq(webhookEvents.status, "pending"))!, true)) ?? "skipped");
  }
  return results;
}

/** Claims the first event matching `where` and processes it on its own; undefined when there is none. */
async function processOne(db: Db, where: SQL, skipLocked: boolean): Promise<EventOutcome | undefined> {
  for (let race = 0; ; race++) {
    let claimed: ClaimedEvent | undefined;
    const after = newAfterCommit();
    try {
      const outcome = await db.transaction(async (tx) => {
        const query = tx
          .select({ id: webhookEvents.id, body: webhookEvents.body, attempts: webhookEvents.attempts })
          .from(webhookEvents)
          .where(where)
          .orderBy(asc(webhookEvents.id))
          .limit(1);
        [claimed] = await (skipLocked ? query.for("update", { skipLocked: true }) : query.for("update"));
        if (!claimed) return undefined;
        return (await processClaimed(tx, [claimed], after))[0];
      });
      await runAfterCommit(db, after);
      return outcome;
    } catch (err) {
      if (!claimed) throw err; // the claim itself failed: the database is unwell, stop this run
      // Another processor stored the same wamid while we were at it: run again, it is now a no-op.
      if (err instanceof DuplicateMessageRace && race < 2) continue;
      return recordFailure(db, claimed, err);
    }
  }
}

type Pending<T> = { event: number; channel: ChannelRef; item: T };

/** Processes claimed events inside the caller's transaction: all of them commit, or none. */
async function processClaimed(tx: Db, events: ClaimedEvent[], after: AfterCommit): Promise<EventOutcome[]> {
  const now = new Date();
  const notes: string[][] = events.map(() => []);
  const outcomes: EventOutcome[] = events.map(() => "processed");
  const malformed = new Map<number, string>();
  const inbound: InboundMessage[] = [];
  const echoes: InboundMessage[] = [];
  const statuses: Pending<StatusUpdate>[] = [];
  const templateNotes: { event: number; item: TemplateNotification }[] = [];
  const byNumber = new Map<string, ChannelRef | null>();

  for (const [i, event] of events.entries()) {
    const parsed = parseWebhookBody(event.body);
    if (!parsed.ok) {
      outcomes[i] = "malformed";
      malformed.set(i, parsed.reason);
      continue;
    }
    for (const item of flattenNotification(parsed.notification)) {
      if (item.kind === "other" && item.note) notes[i]!.push(item.note);
      if (item.kind === "template") {
        templateNotes.push({ event: i, item });
        continue;
      }
      if (!item.phoneNumberId) continue;
      let channel = byNumber.get(item.phoneNumberId);
      if (channel === undefined) {
        channel = await findChannel(tx, item.phoneNumberId);
        byNumber.set(item.phoneNumberId, channel);
      }
      if (!channel) {
        notes[i]!.push(`unknown phone_number_id ${item.phoneNumberId.slice(0, 64)}: ignored`);
        continue;
      }
      after.channels.add(channel.id);
      if (item.kind === "message") inbound.push(toInboundMessage(channel, item, now));
      else if (item.kind === "echo") echoes.push(toEchoMessage(channel, item, now));
      else if (item.kind === "status") statuses.push({ event: i, channel, item: item.status });
    }
  }

  // One customer's messages keep their arrival order; customers are taken in a fixed order.
  const customer = (m: InboundMessage) => `${m.channel.id} ${m.customer.bsuid ?? m.customer.waId}`;
  inbound.sort((a, b) => (customer(a) < customer(b) ? -1 : customer(a) > customer(b) ? 1 : 0));
  const { queued: replies, opened } = await recordInboundBatch(tx, inbound, now);
  after.replies.push(...replies);
  // New conversations join their auto-assign team's queue and go to an agent with room.
  await routeNewConversations(tx, opened, now);
  await recordEchoes(tx, echoes);

  const applied = await applyMessageStatuses(tx, statuses.map((s) => ({ channel: s.channel, update: s.item })), now);
  applied.forEach((outcome, k) => {
    const s = statuses[k]!;
    if (outcome === "unknown_message") notes[s.event]!.push(`status ${s.item.status.slice(0, 32)} for unknown message ${s.item.id.slice(0, 128)}: ignored`);
  });

  const templateOutcomes = await applyTemplateNotifications(tx, templateNotes.map((t) => t.item));
  templateOutcomes.forEach((outcome, k) => {
    const t = templateNotes[k]!;
    if (outcome === "unknown_account") notes[t.event]!.push(`${t.item.field} for unknown WhatsApp Business account ${(t.item.wabaId ?? "(none)").slice(0, 64)}: ignored`);
  });

  const processedAt = new Date();
  const rows = events.map((e, i) => {
    const error = malformed.get(i) ?? (notes[i]!.length ? summarise(notes[i]!) : null);
    return sql`(${e.id}::bigint, ${outcomes[i]}::text, ${error}::text)`;
  });
  await tx.execute(sql`
    update webhook_events as w
       set status = v.status, attempts = w.attempts + 1, error = v.error, processed_at = ${processedAt.toISOString()}::timestamptz
      from (values ${sql.join(rows, sql`, `)}) as v(id, status, error)
     where w.id = v.id`);
  return outcomes;
}

/** The transaction rolled back (nothing of the event was written): count the attempt. */
async function recordFailure(db: Db, event: ClaimedEvent, err: unknown): Promise<EventOutcome> {
  const message = describeError(err).slice(0, 2000);
  const attempts = event.attempts + 1;
  const final = attempts >= MAX_WEBHOOK_ATTEMPTS;
  await db
    .update(webhookEvents)
    .set({ status: final ? "failed" : "pending", attempts, error: message })
    .where(and(eq(webhookEvents.id, event.id), eq(webhookEvents.attempts, event.attempts), inArray(webhookEvents.status, ["pending", "failed"])));
  if (final) console.error(`[whatsapp] webhook event ${event.id} failed ${attempts} times; giving up:`, message);
  else console.warn(`[whatsapp] webhook event ${event.id} failed (attempt ${attempts}), will retry:`, message);
  return final ? "failed" : "retry";
}

function summarise(notes: string[]): string {
  const unique = [...new Set(notes)];
  return unique.slice(0, 10).join("; ") + (unique.length > 10 ? `; … (${unique.length - 10} more)` : "");
}

async function findChannel(tx: Db, phoneNumberId: string): Promise<ChannelRef | null> {
  const [row] = await tx
    .select({ id: channels.id, workspaceId: channels.workspaceId })
    .from(channels)
    .where(eq(channels.phoneNumberId, phoneNumberId))
    .limit(1);
  return row ?? null;
}

// When this process last set channels.last_webhook_at, per database and channel.
const lastTouch = new WeakMap<Db, Map<string, number>>();
const TOUCH_EVERY_MS = 5_000;

/**
 * Records that the number receives webhooks: after the commit, at most every few seconds, so
 * busy channels cost neither a statement per event nor a row lock shared by every processor.
 */
/** What a committed batch hands on: channels that heard from Meta, replies it queued (welcome messages). */
type AfterCommit = { channels: Set<string>; replies: string[] };
const newAfterCommit = (): AfterCommit => ({ channels: new Set(), replies: [] });

async function runAfterCommit(db: Db, after: AfterCommit) {
  for (const id of after.replies) await scheduleDelivery(id);
  await touchChannels(db, after.channels);
}

async function touchChannels(db: Db, ids: Set<string>) {
  const seen = lastTouch.get(db) ?? new Map<string, number>();
  lastTouch.set(db, seen);
  const due = [...ids].filter((id) => Date.now() - (seen.get(id) ?? 0) >= TOUCH_EVERY_MS);
  if (due.length === 0) return;
  for (const id of due) seen.set(id, Date.now());
  try {
    await db
      .update(channels)
      .set({ lastWebhookAt: sql`now()` })
      .where(and(inArray(channels.id, due), sql`(${channels.lastWebhookAt} is null or ${channels.lastWebhookAt} < now() - interval '5 seconds')`));
  } catch (err) {
    console.warn("[whatsapp] could not touch channels.last_webhook_at:", err instanceof Error ? err.message : err);
  }
}
