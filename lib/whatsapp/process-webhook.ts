import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { channels, webhookEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { DuplicateMessageRace, recordInboundMessage, type ChannelRef } from "./inbound-message";
import { applyMessageStatus } from "./message-status";
import { flattenNotification, parseWebhookBody } from "./payload";

/** After this many failed attempts an event stops being retried and is left `failed` for a human. */
export const MAX_WEBHOOK_ATTEMPTS = 5;

export type EventOutcome = "processed" | "failed" | "retry" | "malformed" | "skipped";

type ClaimedEvent = { id: number; body: string; attempts: number };

// One event per transaction, deliberately: a transaction spanning several events holds one
// customer's rows while taking another's, and deadlocks against a parallel processor doing the
// reverse (measured on Postgres: ~1 event in 10 at 3 events per transaction; none at 1).

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
export async function processPendingWebhookEvents(db: Db, opts: { limit?: number; pause?: () => Promise<void> } = {}): Promise<DrainResult> {
  const limit = opts.limit ?? 500;
  const result: DrainResult = { claimed: 0, processed: 0, failed: 0 };
  let after = 0;
  while (result.claimed < limit) {
    const claimed = await processOne(db, and(eq(webhookEvents.status, "pending"), gt(webhookEvents.id, after))!, true, (id) => (after = id));
    if (!claimed) break;
    // Let waiting I/O run between events: PGlite works on this thread, and a drain made only of
    // resolved promises would otherwise starve incoming webhook POSTs until it ends. `pause`
    // lets the caller give storing new POSTs priority (answering Meta fast beats processing).
    await new Promise<void>((resolve) => setImmediate(resolve));
    await opts.pause?.();
    result.claimed++;
    if (claimed === "processed") result.processed++;
    else if (claimed === "failed" || claimed === "retry") result.failed++;
  }
  return result;
}

/** Claims the first event matching `where` and processes it; undefined when there is none. */
async function processOne(db: Db, where: SQL, skipLocked: boolean, onClaim?: (id: number) => void): Promise<EventOutcome | undefined> {
  for (let race = 0; ; race++) {
    let claimed: ClaimedEvent | undefined;
    const touched = new Set<string>();
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
        onClaim?.(claimed.id);
        return processClaimed(tx, claimed, touched);
      });
      await touchChannels(db, touched);
      return outcome;
    } catch (err) {
      if (!claimed) throw err; // the claim itself failed: the database is unwell, stop this run
      // Another processor stored the same wamid while we were at it: run again, it is now a no-op.
      if (err instanceof DuplicateMessageRace && race < 2) continue;
      return recordFailure(db, claimed, err);
    }
  }
}

async function processClaimed(tx: Db, event: ClaimedEvent, touched: Set<string>): Promise<EventOutcome> {
  const attempts = event.attempts + 1;
  const parsed = parseWebhookBody(event.body);
  if (!parsed.ok) {
    await mark(tx, event.id, { status: "malformed", attempts, error: parsed.reason, processedAt: new Date() });
    return "malformed";
  }
  const notes: string[] = [];
  const now = new Date();
  const byNumber = new Map<string, ChannelRef | null>();
  for (const item of flattenNotification(parsed.notification)) {
    if (item.kind === "other" && item.note) notes.push(item.note);
    if (!item.phoneNumberId) continue;
    let channel = byNumber.get(item.phoneNumberId);
    if (channel === undefined) {
      channel = await findChannel(tx, item.phoneNumberId);
      byNumber.set(item.phoneNumberId, channel);
      if (!channel) notes.push(`unknown phone_number_id ${item.phoneNumberId.slice(0, 64)}: ignored`);
    }
    if (!channel) continue;
    touched.add(channel.id);
    if (item.kind === "message") await recordInboundMessage(tx, channel, item, now);
    else if (item.kind === "status") {
      const outcome = await applyMessageStatus(tx, channel, item.status, now);
      if (outcome === "unknown_message") notes.push(`status ${item.status.status.slice(0, 32)} for unknown message ${item.status.id.slice(0, 128)}: ignored`);
    }
  }
  await mark(tx, event.id, { status: "processed", attempts, error: notes.length ? summarise(notes) : null, processedAt: new Date() });
  return "processed";
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

/** The root cause, not drizzle's "Failed query: …" wrapper (which would also copy customer data). */
function describeError(err: unknown): string {
  let e: unknown = err;
  for (let i = 0; i < 5 && e instanceof Error && e.cause; i++) e = e.cause;
  const code = typeof e === "object" && e !== null && typeof (e as { code?: unknown }).code === "string" ? `[${(e as { code: string }).code}] ` : "";
  return `${code}${e instanceof Error ? e.message : String(e)}`;
}

function summarise(notes: string[]): string {
  const unique = [...new Set(notes)];
  return unique.slice(0, 10).join("; ") + (unique.length > 10 ? `; … (${unique.length - 10} more)` : "");
}

async function mark(tx: Db, id: number, set: Partial<typeof webhookEvents.$inferInsert>) {
  await tx.update(webhookEvents).set(set).where(eq(webhookEvents.id, id));
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
