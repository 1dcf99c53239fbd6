import { and, asc, inArray, ne, sql } from "drizzle-orm";
import { contacts, conversations, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import { DuplicateMessageRace, recordInboundMessage, type ChannelRef } from "./inbound-message";
import { describeInboundMessage, type MessageContent } from "./message-content";
import { parseTimestamp, type WebhookItem } from "./payload";

type MessageItem = Extract<WebhookItem, { kind: "message" }>;
export type InboundEntry = { channel: ChannelRef; item: MessageItem };

type Plain = InboundEntry & { content: MessageContent; at: Date; waId: string; order: number };

/**
 * Records a batch's inbound messages with a handful of set-based statements instead of ~6 per
 * message: one duplicate check, one contact upsert, one locking read (and insert) of the live
 * conversations, one message insert, one conversation update, one NOTIFY. Same rules as
 * recordInboundMessage (which still handles reactions, quotes and media one by one, after the
 * rest): a known wamid changes nothing, a resolved conversation is never reused, the preview
 * is the newest message's, unread counts every message. Rows are taken in a fixed order
 * (contacts by number, conversations by id); a wamid stored concurrently throws
 * DuplicateMessageRace so the caller rolls back and retries event by event.
 */
export async function recordInboundBatch(tx: Db, entries: InboundEntry[], now = new Date()): Promise<void> {
  const plain: Plain[] = [];
  const special: InboundEntry[] = [];
  const seen = new Set<string>();
  entries.forEach((e, order) => {
    const key = `${e.channel.id} ${e.item.message.id}`;
    if (seen.has(key)) return; // the same wamid twice in one batch: the first is the message
    seen.add(key);
    const content = describeInboundMessage(e.item.message);
    if (content.reaction || content.media || e.item.message.context?.id) special.push(e);
    else plain.push({ ...e, content, at: parseTimestamp(e.item.message.timestamp, now), waId: e.item.contact?.waId ?? e.item.message.from, order });
  });

  if (plain.length > 0) await recordPlain(tx, plain, now);
  for (const e of special) await recordInboundMessage(tx, e.channel, e.item, now);
}

async function recordPlain(tx: Db, all: Plain[], now: Date) {
  // 1. Already stored (Meta's retries): nothing to do for those.
  const known = await tx
    .select({ channelId: messages.channelId, providerMessageId: messages.providerMessageId })
    .from(messages)
    .where(and(inArray(messages.channelId, uniq(all.map((p) => p.channel.id))), inArray(messages.providerMessageId, all.map((p) => p.item.message.id))));
  const knownKeys = new Set(known.map((k) => `${k.channelId} ${k.providerMessageId}`));
  const fresh = all.filter((p) => !knownKeys.has(`${p.channel.id} ${p.item.message.id}`));
  if (fresh.length === 0) return;

  // 2. Contacts: one upsert in number order; the latest profile name in the batch wins.
  const people = new Map<string, { workspaceId: string; waId: string; name: string | null }>();
  for (const p of fresh) {
    const key = `${p.channel.workspaceId} ${p.waId}`;
    const name = p.item.contact?.name ?? null;
    const prev = people.get(key);
    people.set(key, { workspaceId: p.channel.workspaceId, waId: p.waId, name: name ?? prev?.name ?? null });
  }
  const contactRows = [...people.values()].sort((a, b) => cmp(`${a.workspaceId} ${a.waId}`, `${b.workspaceId} ${b.waId}`));
  const upserted = await tx
    .insert(contacts)
    .values(contactRows.map((c) => ({ workspaceId: c.workspaceId, waId: c.waId, phone: c.waId, profileName: c.name })))
    .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.waId], set: { profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})` } })
    .returning({ id: contacts.id, workspaceId: contacts.workspaceId, waId: contacts.waId });
  const contactId = new Map(upserted.map((c) => [`${c.workspaceId} ${c.waId}`, c.id]));

  // 3. The live conversation of each (customer, number): lock the existing ones, open the rest.
  type Conv = { id: string; status: string; created: boolean };
  const convKey = (cId: string, channelId: string) => `${cId} ${channelId}`;
  const wanted = new Map<string, { contactId: string; channel: ChannelRef; firstAt: Date }>();
  for (const p of fresh) {
    const cId = contactId.get(`${p.channel.workspaceId} ${p.waId}`);
    if (!cId) throw new Error(`contact ${p.waId.slice(0, 32)} was not stored`);
    const k = convKey(cId, p.channel.id);
    const w = wanted.get(k);
    if (!w || p.at < w.firstAt) wanted.set(k, { contactId: cId, channel: p.channel, firstAt: p.at });
  }
  const convs = new Map<string, Conv>();
  const lockLive = async (contactIds: string[]) => {
    const rows = await tx
      .select({ id: conversations.id, contactId: conversations.contactId, channelId: conversations.channelId, status: conversations.status })
      .from(conversations)
      .where(and(inArray(conversations.contactId, contactIds), ne(conversations.status, "resolved")))
      .orderBy(asc(conversations.id))
      .for("update");
    for (const r of rows) if (wanted.has(convKey(r.contactId, r.channelId))) convs.set(convKey(r.contactId, r.channelId), { id: r.id, status: r.status, created: false });
  };
  await lockLive(uniq([...wanted.values()].map((w) => w.contactId)));
  const missing = [...wanted.entries()].filter(([k]) => !convs.has(k)).sort(([a], [b]) => cmp(a, b));
  if (missing.length > 0) {
    const opened = await tx
      .insert(conversations)
      .values(missing.map(([, w]) => ({ workspaceId: w.channel.workspaceId, contactId: w.contactId, channelId: w.channel.id, status: "open" as const, teamId: null, lastMessageAt: w.firstAt })))
      .onConflictDoNothing({ target: [conversations.contactId, conversations.channelId], where: sql`status <> 'resolved'` })
      .returning({ id: conversations.id, contactId: conversations.contactId, channelId: conversations.channelId, status: conversations.status });
    for (const r of opened) convs.set(convKey(r.contactId, r.channelId), { id: r.id, status: r.status, created: true });
    // Opened by a parallel processor meanwhile: take theirs (their commit is visible now).
    const raced = missing.filter(([k]) => !convs.has(k));
    if (raced.length > 0) await lockLive(uniq(raced.map(([, w]) => w.contactId)));
    if (missing.some(([k]) => !convs.has(k))) throw new Error("Could not find or open a conversation (too much contention).");
  }

  // 4. The messages, in one insert. A conflict here means someone stored a wamid after step 1.
  const convOf = (p: Plain) => convs.get(convKey(contactId.get(`${p.channel.workspaceId} ${p.waId}`)!, p.channel.id))!;
  const inserted = await tx
    .insert(messages)
    .values(
      fresh.map((p) => ({
        workspaceId: p.channel.workspaceId,
        conversationId: convOf(p).id,
        channelId: p.channel.id,
        direction: "inbound" as const,
        authorType: "customer" as const,
        kind: p.content.kind,
        text: p.content.text,
        payload: p.content.payload,
        providerMessageId: p.item.message.id,
        createdAt: p.at,
      })),
    )
    .onConflictDoNothing({ target: [messages.channelId, messages.providerMessageId] })
    .returning({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId });
  if (inserted.length !== fresh.length) throw new DuplicateMessageRace(fresh[0]!.item.message.id);

  // 5. Each conversation once: newest preview, unread +n, waiting since the earliest, woken up.
  type Bump = { conv: Conv; workspaceId: string; count: number; newest: Plain; earliest: Date };
  const bumps = new Map<string, Bump>();
  for (const p of fresh) {
    const conv = convOf(p);
    const b = bumps.get(conv.id);
    if (!b) bumps.set(conv.id, { conv, workspaceId: p.channel.workspaceId, count: 1, newest: p, earliest: p.at });
    else {
      b.count++;
      if (p.at >= b.newest.at) b.newest = p;
      if (p.at < b.earliest) b.earliest = p.at;
    }
  }
  const list = [...bumps.values()].sort((a, b) => cmp(a.conv.id, b.conv.id));
  const values = sql.join(
    list.map((b) => sql`(${b.conv.id}::uuid, ${b.count}::int, ${b.newest.at.toISOString()}::timestamptz, ${b.earliest.toISOString()}::timestamptz, ${b.newest.content.preview}::text)`),
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

  // 6. Realtime, delivered at commit.
  const events: RealtimeEvent[] = inserted.map((m) => ({ type: "message.created", workspaceId: m.workspaceId, conversationId: m.conversationId, messageId: m.id }));
  for (const b of list) {
    const fields = ["lastMessage", "unreadCount"];
    if (b.conv.created || statusNow.get(b.conv.id) !== b.conv.status) fields.push("status");
    events.push({ type: "conversation.updated", workspaceId: b.workspaceId, conversationId: b.conv.id, fields });
  }
  await publishEvents(tx, events);
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
