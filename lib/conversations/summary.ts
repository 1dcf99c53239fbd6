import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { previewOf, previewText, type MessageContent } from "@/lib/content/message-content";
import type { RealtimeEvent } from "@/lib/realtime/events";
import type { ConvRef } from "./customer-rows";

// A conversation's summary columns mirror its messages. The rules, in one place:
//   - last message: the newest customer or agent message (time, one-line preview, direction);
//     system events, reactions and WhatsApp's identity notices never count, and a late, older
//     message never replaces a newer preview;
//   - last inbound: the newest customer message (WhatsApp's 24-hour window starts there);
//   - waiting since: the first customer message to arrive after our last reply, cleared by a reply;
//   - first response: our first reply after the customer first wrote, set once;
//   - unread: customer messages since our last reply (opening the thread clears it);
//   - a customer message wakes a snoozed or pending conversation.
// Three writers follow them: the set-based inbound bump (SQL, below), the outbound update (below)
// and the demo seed, which folds whole threads with summarizeMessages. conversations.test.ts
// checks the live paths against the fold.

export type Direction = "inbound" | "outbound" | "internal";
export type MessageFacts = { direction: Direction; text: string | null; createdAt: Date; content?: MessageContent };
export type ConversationFacts = {
  lastMessageAt: Date;
  lastMessagePreview: string | null;
  lastMessageDirection: Direction;
  lastInboundAt: Date | null;
  waitingSince: Date | null;
  firstResponseAt: Date | null;
  unreadCount: number;
};

const preview = (m: MessageFacts) => (m.content ? previewOf(m.content) : previewText(m.text) || null);

/** The summary columns of a thread (`msgs` oldest first, at least one customer or agent message). */
export function summarizeMessages(msgs: readonly MessageFacts[], status: string): ConversationFacts {
  const external = msgs.filter((m) => m.direction !== "internal" && m.content?.kind !== "reaction" && m.content?.kind !== "system");
  const last = external[external.length - 1];
  if (!last) throw new Error("a conversation needs at least one customer or agent message");
  const inbound = external.filter((m) => m.direction === "inbound");
  const firstInbound = inbound[0];
  const lastOutboundIdx = external.findLastIndex((m) => m.direction === "outbound");
  const inboundSinceReply = external.slice(lastOutboundIdx + 1).filter((m) => m.direction === "inbound");
  const firstResponse = firstInbound ? external.find((m) => m.direction === "outbound" && m.createdAt > firstInbound.createdAt) : undefined;
  return {
    lastMessageAt: last.createdAt,
    lastMessagePreview: preview(last),
    lastMessageDirection: last.direction,
    lastInboundAt: inbound[inbound.length - 1]?.createdAt ?? null,
    waitingSince: last.direction === "inbound" ? (inboundSinceReply[0]?.createdAt ?? null) : null,
    firstResponseAt: firstResponse?.createdAt ?? null,
    unreadCount: status === "resolved" ? 0 : inboundSinceReply.length,
  };
}

/** We replied: the columns an outbound message sets (the caller adds the assignee). */
export function outboundSummary(content: MessageContent, now: Date) {
  return {
    lastMessageAt: now,
    lastMessagePreview: previewOf(content),
    lastMessageDirection: "outbound" as const,
    waitingSince: null,
    unreadCount: 0,
    firstResponseAt: sql<Date>`coalesce(first_response_at, case when last_inbound_at is not null then ${now.toISOString()}::timestamptz end)`,
    updatedAt: now,
  };
}

export type Bump = { conv: ConvRef; workspaceId: string; count: number; newestAt: Date; newestPreview: string; earliestAt: Date };

/**
 * The customer wrote: each conversation once — the newest message is the preview (a late, older
 * one is not), unread +n, waiting since the earliest of the batch (a
 * late, older message arriving while the customer already waits does not move it), a snoozed or pending conversation wakes up.
 * Rows are updated in id order (parallel processors never deadlock). Returns the events to publish.
 */
export async function bumpConversations(tx: Db, bumps: Bump[], now: Date): Promise<RealtimeEvent[]> {
  if (bumps.length === 0) return [];
  const list = [...bumps].sort((a, b) => (a.conv.id < b.conv.id ? -1 : a.conv.id > b.conv.id ? 1 : 0));
  const values = sql.join(
    list.map((b) => sql`(${b.conv.id}::uuid, ${b.count}::int, ${b.newestAt.toISOString()}::timestamptz, ${b.earliestAt.toISOString()}::timestamptz, ${b.newestPreview}::text)`),
    sql`, `,
  );
  const updated = (await tx.execute(sql`
    update conversations as c
       set last_message_preview = case when v.newest_at >= c.last_message_at then v.preview else c.last_message_preview end,
           last_message_direction = case when v.newest_at >= c.last_message_at then 'inbound'::message_direction else c.last_message_direction end,
           last_message_at = greatest(c.last_message_at, v.newest_at),
           last_inbound_at = greatest(c.last_inbound_at, v.newest_at),
           waiting_since = coalesce(c.waiting_since, v.earliest_at),
           unread_count = c.unread_count + v.n,
           snoozed_until = case when c.status = 'snoozed' then null else c.snoozed_until end,
           status = case when c.status in ('snoozed', 'pending') then 'open'::conversation_status else c.status end,
           updated_at = ${now.toISOString()}::timestamptz
      from (values ${values}) as v(id, n, newest_at, earliest_at, preview)
     where c.id = v.id
    returning c.id, c.status`)) as unknown as { rows?: { id: string; status: string }[] } | { id: string; status: string }[];
  const statusNow = new Map((Array.isArray(updated) ? updated : (updated.rows ?? [])).map((r) => [r.id, r.status]));
  return list
    .filter((b) => statusNow.has(b.conv.id))
    .map((b) => {
      const fields = ["lastMessage", "unreadCount"];
      if (b.conv.created || statusNow.get(b.conv.id) !== b.conv.status) fields.push("status");
      return { type: "conversation.updated", workspaceId: b.workspaceId, conversationId: b.conv.id, fields };
    });
}
