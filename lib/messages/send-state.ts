// Bookkeeping of outbound send attempts, kept in messages.send_state (apart from the content) so that a crash between
// "Meta accepted the message" and "we stored its wamid" can never turn into a silent second send.
//
//   claim      → send_state = { attemptId, attemptStartedAt, webhookMark }   (atomic, one winner)
//   outcome    → sendState cleared (sent / failed) or reduced to { lastError } (transient, retry)
//   uncertain  → the request may have reached Meta: { …, uncertain, orphanSince } stays set
//
// A job that finds a started attempt without an outcome looks for proof in the stored webhooks: a
// status whose biz_opaque_callback_data is our message id carries the wamid and the outcome.
import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import { messages, webhookEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import { applyMessageStatuses } from "@/lib/messages/delivery-status";
import { flattenNotification, parseTimestamp, parseWebhookBody, type StatusUpdate } from "@/lib/whatsapp/payload";

export type SendState = {
  attemptId?: string;
  attemptStartedAt?: string;
  /** Highest webhook_events.id when the attempt started: proof can only be newer. */
  webhookMark?: number;
  uncertain?: boolean;
  orphanSince?: string;
  lastError?: { code: number | string; title: string; at: string };
};

export type MessageError = { code: number | string; title: string; message: string };
export type MessageRef = { id: string; workspaceId: string; conversationId: string; channelId: string };

export function sendStateOf(stored: Record<string, unknown> | null): SendState | null {
  const s = stored;
  return s && typeof s === "object" && !Array.isArray(s) ? (s as SendState) : null;
}

const jsonb = (v: unknown) => sql`${JSON.stringify(v)}::jsonb`;
const withoutState = null;
const attemptIs = (attemptId: string) => sql`${messages.sendState} ->> 'attemptId' = ${attemptId}`;

async function notifyUpdated(db: Db, m: MessageRef) {
  await publishEvent(db, { type: "message.updated", workspaceId: m.workspaceId, conversationId: m.conversationId, messageId: m.id });
}

/** Starts an attempt if nobody else has one open; false when another attempt holds the message. */
export async function claimAttempt(db: Db, m: MessageRef, attemptId: string, now: Date): Promise<SendState | null> {
  const [mark] = await db.select({ max: sql<number>`coalesce(max(${webhookEvents.id}), 0)::int` }).from(webhookEvents);
  const state: SendState = { attemptId, attemptStartedAt: now.toISOString(), webhookMark: Number(mark?.max ?? 0) };
  const rows = await db
    .update(messages)
    .set({
      sendAttempts: sql`${messages.sendAttempts} + 1`,
      sendState: sql`${jsonb(state)}`,
    })
    .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), sql`(${messages.sendState} ->> 'attemptStartedAt') is null`))
    .returning({ id: messages.id });
  return rows.length ? state : null;
}

/** Meta accepted: store the wamid, then apply any status that raced ahead of this write. */
export async function recordSent(db: Db, m: MessageRef & { phoneNumberId: string }, attemptId: string, wamid: string, now: Date, webhookMark: number) {
  const rows = await db
    .update(messages)
    .set({ status: "sent", providerMessageId: wamid, sentAt: now, error: null, sendState: withoutState })
    .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), attemptIs(attemptId)))
    .returning({ id: messages.id });
  if (rows.length) await notifyUpdated(db, m);
  await applyStoredStatuses(db, m, { wamid, sinceEventId: webhookMark });
  return rows.length > 0;
}

/** Final failure: never retried by itself (an agent may press Retry). */
export async function recordFailed(db: Db, m: MessageRef, error: MessageError, attemptId: string | null) {
  const rows = await db
    .update(messages)
    .set({ status: "failed", error, sendState: withoutState })
    .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), attemptId ? attemptIs(attemptId) : sql`true`))
    .returning({ id: messages.id });
  if (rows.length) await notifyUpdated(db, m);
  return rows.length > 0;
}

/** The attempt ended without reaching Meta: the message stays queued for the next try. */
export async function releaseAttempt(db: Db, m: MessageRef, attemptId: string, lastError: SendState["lastError"]) {
  await db
    .update(messages)
    .set({ sendState: sql`${jsonb({ lastError })}` })
    .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), attemptIs(attemptId)));
  await notifyUpdated(db, m);
}

/** Keeps the attempt open but notes that nobody is sending any more (uncertain error, or found after a crash). */
export async function markOrphaned(db: Db, m: MessageRef, state: SendState, now: Date, uncertain: boolean): Promise<SendState> {
  const next: SendState = { ...state, orphanSince: state.orphanSince ?? now.toISOString(), ...(uncertain ? { uncertain: true } : {}) };
  await db
    .update(messages)
    .set({ sendState: sql`${jsonb(next)}` })
    .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), attemptIs(state.attemptId ?? "")));
  return next;
}

type Proof = { update: StatusUpdate; eventId: number };

/**
 * Statuses of this message found in stored webhooks newer than `sinceEventId`: by our message id
 * (biz_opaque_callback_data) and/or by wamid. Scans an id range of the primary key only.
 */
export async function findStoredStatuses(db: Db, m: MessageRef & { phoneNumberId: string }, opts: { wamid?: string; sinceEventId: number }): Promise<Proof[]> {
  // strpos, not LIKE: a wamid may contain "_", a LIKE wildcard.
  const patterns = [sql`strpos(${webhookEvents.body}, ${m.id}) > 0`];
  if (opts.wamid) patterns.push(sql`strpos(${webhookEvents.body}, ${opts.wamid}) > 0`);
  const rows = await db
    .select({ id: webhookEvents.id, body: webhookEvents.body })
    .from(webhookEvents)
    .where(and(gt(webhookEvents.id, opts.sinceEventId), eq(webhookEvents.signatureValid, true), or(...patterns)))
    .orderBy(asc(webhookEvents.id))
    .limit(200);
  const found: Proof[] = [];
  for (const row of rows) {
    const parsed = parseWebhookBody(row.body);
    if (!parsed.ok) continue;
    const opaque = opaqueByWamid(parsed.notification);
    for (const item of flattenNotification(parsed.notification)) {
      if (item.kind !== "status" || item.phoneNumberId !== m.phoneNumberId) continue;
      if (opaque.get(item.status.id) === m.id || (opts.wamid && item.status.id === opts.wamid)) found.push({ update: item.status, eventId: row.id });
    }
  }
  return found;
}

/** wamid → biz_opaque_callback_data of the statuses in a notification (the parser keeps neither). */
function opaqueByWamid(notification: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const list = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === "object") : []);
  for (const entry of list((notification as { entry?: unknown })?.entry)) {
    for (const change of list(entry.changes)) {
      const value = change.value as { statuses?: unknown } | undefined;
      for (const s of list(value?.statuses)) {
        if (typeof s.id === "string" && typeof s.biz_opaque_callback_data === "string") out.set(s.id, s.biz_opaque_callback_data);
      }
    }
  }
  return out;
}

async function applyStoredStatuses(db: Db, m: MessageRef & { phoneNumberId: string }, opts: { wamid: string; sinceEventId: number }) {
  const proofs = (await findStoredStatuses(db, m, opts)).filter((p) => p.update.id === opts.wamid);
  if (proofs.length === 0) return;
  // One transaction: the row stays locked from read to write, so a status the processor applies
  // meanwhile cannot be overwritten with an older state.
  const channel = { id: m.channelId, workspaceId: m.workspaceId };
  await db.transaction((tx) => applyMessageStatuses(tx, proofs.map((p) => ({ channel, update: p.update }))));
}

/**
 * An open attempt with proof of its outcome in the stored webhooks: adopt the wamid and the statuses
 * instead of sending again. Returns the wamid adopted, or null without proof.
 */
export async function adoptStoredOutcome(db: Db, m: MessageRef & { phoneNumberId: string }, state: SendState): Promise<string | null> {
  const proofs = await findStoredStatuses(db, m, { sinceEventId: state.webhookMark ?? 0 });
  const first = proofs[0];
  if (!first || !state.attemptId) return null;
  const wamid = first.update.id;
  const accepted = proofs.filter((p) => p.update.id === wamid && p.update.status !== "failed");
  const earliest = accepted.length ? parseTimestamp(accepted[0]!.update.timestamp) : null;
  const adopted = await db.transaction(async (tx) => {
    const rows = await tx
      .update(messages)
      .set({ providerMessageId: wamid, sendState: withoutState, ...(earliest ? { status: "sent" as const, sentAt: earliest } : {}) })
      .where(and(eq(messages.id, m.id), eq(messages.status, "queued"), attemptIs(state.attemptId!)))
      .returning({ id: messages.id });
    if (!rows.length) return false;
    const channel = { id: m.channelId, workspaceId: m.workspaceId };
    await applyMessageStatuses(tx, proofs.filter((p) => p.update.id === wamid).map((p) => ({ channel, update: p.update })));
    await notifyUpdated(tx, m);
    return true;
  });
  return adopted ? wamid : null;
}
