import { and, asc, inArray, sql } from "drizzle-orm";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import { explainWhatsAppError } from "@/lib/whatsapp/error-text";
import { parseTimestamp, type MessagePricing, type StatusUpdate } from "@/lib/whatsapp/payload";
import type { ChannelRef } from "@/lib/content/inbound-message";

type Delivery = "queued" | "sent" | "delivered" | "read" | "failed";
type MessageError = { code: number | string; title: string; message: string };

// Statuses arrive out of order and repeatedly: a message only moves forward. `failed` sits
// between sent and delivered: it beats queued/sent, but proof of delivery beats it.
const RANK: Record<Delivery, number> = { queued: 0, sent: 1, failed: 1.5, delivered: 2, read: 3 };

function normalise(status: string): Delivery | null {
  const s = status.toLowerCase();
  if (s === "played") return "read"; // voice messages
  return s === "sent" || s === "delivered" || s === "read" || s === "failed" ? s : null;
}

export type StatusOutcome = "applied" | "unchanged" | "unknown_message" | "ignored";

/** What a status update may change on a message. */
type DeliveryState = {
  status: Delivery | null;
  error: MessageError | null;
  sentAt: Date | null;
  deliveredAt: Date | null;
  readAt: Date | null;
};

/** One status applied to a delivery state: the state it leads to, or null when it changes nothing. */
export function foldStatus(state: DeliveryState, update: StatusUpdate, now: Date): DeliveryState | null {
  const next = normalise(update.status);
  if (!next) return null;
  const at = parseTimestamp(update.timestamp, now);
  const out = { ...state };
  const current = state.status ? RANK[state.status] : -1;
  if (next === "failed") {
    if (state.status !== "failed" && current < RANK.delivered) {
      out.status = "failed";
      out.error = failureOf(update);
    }
  } else if (RANK[next] > current) {
    out.status = next;
    if (state.status === "failed") out.error = null; // delivered after all
  }
  // Fill each milestone's time once, even when it arrives after a later status.
  if (next === "sent" && !state.sentAt) out.sentAt = at;
  if (next === "delivered" && !state.deliveredAt) out.deliveredAt = at;
  if (next === "read" && !state.readAt) out.readAt = at;
  const changed = out.status !== state.status || out.error !== state.error || out.sentAt !== state.sentAt || out.deliveredAt !== state.deliveredAt || out.readAt !== state.readAt;
  return changed ? out : null;
}

/**
 * Applies many statuses at once — the bulk of webhook traffic is statuses (three per message
 * sent). One locking read and one UPDATE for the lot; updates to the same message fold in the
 * order given. Rows are locked in id order, so two processors never lock each other's rows in
 * opposite orders. Returns one outcome per update, in the same order.
 */
export async function applyMessageStatuses(tx: Db, updates: { channel: ChannelRef; update: StatusUpdate }[], now = new Date()): Promise<StatusOutcome[]> {
  const outcomes: StatusOutcome[] = updates.map((u) => (normalise(u.update.status) ? "unchanged" : "ignored"));
  const wanted = updates.filter((_, i) => outcomes[i] !== "ignored");
  if (wanted.length === 0) return outcomes;

  const rows = await tx
    .select({
      id: messages.id,
      channelId: messages.channelId,
      providerMessageId: messages.providerMessageId,
      conversationId: messages.conversationId,
      workspaceId: messages.workspaceId,
      direction: messages.direction,
      status: messages.status,
      error: messages.error,
      sentAt: messages.sentAt,
      deliveredAt: messages.deliveredAt,
      readAt: messages.readAt,
      pricing: messages.pricing,
    })
    .from(messages)
    .where(and(inArray(messages.channelId, [...new Set(wanted.map((u) => u.channel.id))]), inArray(messages.providerMessageId, [...new Set(wanted.map((u) => u.update.id))])))
    .orderBy(asc(messages.id))
    .for("update");
  const byKey = new Map(rows.map((r) => [`${r.channelId} ${r.providerMessageId}`, { row: r, state: r as DeliveryState, changed: false, pricing: null as MessagePricing | null }]));

  updates.forEach(({ channel, update }, i) => {
    if (outcomes[i] === "ignored") return;
    const entry = byKey.get(`${channel.id} ${update.id}`);
    if (!entry || entry.row.direction !== "outbound") {
      outcomes[i] = "unknown_message";
      return;
    }
    // What WhatsApp charges comes with the statuses; the first one that says so is kept.
    if (update.pricing && !entry.row.pricing && !entry.pricing) entry.pricing = update.pricing;
    const next = foldStatus(entry.state, update, now);
    if (!next) return;
    entry.state = next;
    entry.changed = true;
    outcomes[i] = "applied";
  });

  const priced = [...byKey.values()].filter((e) => e.pricing && !e.changed);
  if (priced.length > 0) {
    const rowsJson = JSON.stringify(priced.map((e) => ({ id: e.row.id, pricing: e.pricing })));
    await tx.execute(sql`
      update messages as m set pricing = v.pricing
        from jsonb_to_recordset(${rowsJson}::jsonb) as v(id uuid, pricing jsonb)
       where m.id = v.id and m.pricing is null`);
  }
  const changed = [...byKey.values()].filter((e) => e.changed);
  if (changed.length === 0) return outcomes;
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const values = sql.join(
    changed.map(
      ({ row, state, pricing }) =>
        sql`(${row.id}::uuid, ${state.status}::delivery_status, ${state.error ? JSON.stringify(state.error) : null}::jsonb, ${iso(state.sentAt)}::timestamptz, ${iso(state.deliveredAt)}::timestamptz, ${iso(state.readAt)}::timestamptz, ${pricing ? JSON.stringify(pricing) : null}::jsonb)`,
    ),
    sql`, `,
  );
  await tx.execute(sql`
    update messages as m
       set status = v.status, error = v.error, sent_at = v.sent_at, delivered_at = v.delivered_at, read_at = v.read_at,
           pricing = coalesce(m.pricing, v.pricing)
      from (values ${values}) as v(id, status, error, sent_at, delivered_at, read_at, pricing)
     where m.id = v.id`);
  const events: RealtimeEvent[] = changed.map(({ row }) => ({ type: "message.updated", workspaceId: row.workspaceId, conversationId: row.conversationId, messageId: row.id }));
  await publishEvents(tx, events);
  return outcomes;
}

function failureOf(update: StatusUpdate): MessageError {
  const e = update.errors[0];
  const code = e?.code ?? "unknown";
  const title = e?.title ?? e?.message ?? "Message failed";
  return { code, title, message: explainWhatsAppError(e?.code, e?.error_data?.details ?? e?.message ?? e?.title) };
}
