import { bumpConversations, type Bump } from "@/lib/conversations/summary";
import { and, inArray } from "drizzle-orm";
import { messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import { convKey, lockOrOpenConversations, personKey, uniq, upsertContacts, type Person, type WantedConv } from "@/lib/conversations/customer-rows";
import type { InboundMessage } from "@/lib/content/inbound-message";
import { DuplicateMessageRace, insertInboundMessages, recordInboundMessage } from "@/lib/conversations/record-inbound";
import { queueWelcomeReplies } from "@/lib/conversations/welcome";
import { mayBeCsatAnswer } from "@/lib/conversations/csat-answer";

/**
 * Records a batch's inbound messages with a handful of set-based statements instead of ~6 per
 * message: one duplicate check, one contact upsert, one locking read (and insert) of the live
 * conversations, one message insert, one conversation update, one NOTIFY. Same rules as
 * recordInboundMessage (which still handles reactions, quotes, media and rating answers one by one, after the
 * rest): a known wamid changes nothing, a resolved conversation is never reused, the preview
 * is the newest message's, unread counts every message. Rows are taken in a fixed order
 * (contacts by number, conversations by id); a wamid stored concurrently throws
 * DuplicateMessageRace so the caller rolls back and retries event by event. Returns the welcome
 * replies it queued and the conversations it opened (the caller routes them: lib/assignment).
 */
export async function recordInboundBatch(tx: Db, entries: InboundMessage[], now = new Date()): Promise<{ queued: string[]; opened: string[] }> {
  const plain: InboundMessage[] = [];
  const special: InboundMessage[] = [];
  const seen = new Set<string>();
  for (const e of entries) {
    const key = `${e.channel.id} ${e.providerMessageId}`;
    if (seen.has(key)) continue; // the same wamid twice in one batch: the first is the message
    seen.add(key);
    if (e.reaction || e.media || e.quotedProviderId || e.operation || e.content.kind === "system" || mayBeCsatAnswer(e)) special.push(e);
    else plain.push(e);
  }

  const opened = new Set<string>();
  const queued = plain.length > 0 ? await recordPlain(tx, plain, now, opened) : [];
  for (const e of special) await recordInboundMessage(tx, e, now, opened);
  return { queued, opened: [...opened] };
}

/** Returns the replies it queued (welcome messages) for the outbox after the commit. */
async function recordPlain(tx: Db, all: InboundMessage[], now: Date, opened: Set<string>): Promise<string[]> {
  // 1. Already stored (Meta's retries): nothing to do for those.
  const known = await tx
    .select({ channelId: messages.channelId, providerMessageId: messages.providerMessageId })
    .from(messages)
    .where(and(inArray(messages.channelId, uniq(all.map((p) => p.channel.id))), inArray(messages.providerMessageId, all.map((p) => p.providerMessageId))));
  const knownKeys = new Set(known.map((k) => `${k.channelId} ${k.providerMessageId}`));
  const fresh = all.filter((p) => !knownKeys.has(`${p.channel.id} ${p.providerMessageId}`));
  if (fresh.length === 0) return [];

  // 2. Contacts (the latest profile name in the batch wins), 3. their live conversations.
  const people = new Map<string, Person>();
  for (const p of fresh) {
    const person = { workspaceId: p.channel.workspaceId, ...p.customer };
    const key = personKey(person);
    const seen = people.get(key);
    const at = seen?.at && seen.at < p.at ? seen.at : p.at;
    people.set(key, { ...person, name: p.customer.name ?? seen?.name ?? null, username: p.customer.username ?? seen?.username ?? null, at });
  }
  const contactId = await upsertContacts(tx, [...people.values()]);
  const wanted = new Map<string, WantedConv>();
  for (const p of fresh) {
    const cId = contactId.get(personKey({ workspaceId: p.channel.workspaceId, ...p.customer }));
    if (!cId) throw new Error(`contact ${(p.customer.bsuid ?? p.customer.waId ?? "").slice(0, 32)} was not stored`);
    const k = convKey(cId, p.channel.id);
    const w = wanted.get(k);
    if (!w || p.at < w.firstAt) wanted.set(k, { contactId: cId, channel: p.channel, firstAt: p.at });
  }
  const convs = await lockOrOpenConversations(tx, wanted);

  // 4. The messages, in one insert. A conflict here means someone stored a wamid after step 1.
  const convOf = (p: InboundMessage) => convs.get(convKey(contactId.get(personKey({ workspaceId: p.channel.workspaceId, ...p.customer }))!, p.channel.id))!;
  const inserted = await insertInboundMessages(
    tx,
    fresh.map((inbound) => ({ inbound, conversationId: convOf(inbound).id })),
  );
  if (inserted.length !== fresh.length) throw new DuplicateMessageRace(fresh[0]!.providerMessageId);
  for (const c of convs.values()) if (c.created) opened.add(c.id);

  // 5. Each conversation once, 6. realtime (delivered at commit).
  const bumps = new Map<string, Bump>();
  for (const p of fresh) {
    const conv = convOf(p);
    const b = bumps.get(conv.id);
    if (!b) bumps.set(conv.id, { conv, workspaceId: p.channel.workspaceId, count: 1, newestAt: p.at, newestPreview: p.preview, earliestAt: p.at });
    else {
      b.count++;
      if (p.at >= b.newestAt) Object.assign(b, { newestAt: p.at, newestPreview: p.preview });
      if (p.at < b.earliestAt) b.earliestAt = p.at;
    }
  }
  const events: RealtimeEvent[] = inserted.map((m) => ({ type: "message.created", workspaceId: m.workspaceId, conversationId: m.conversationId, messageId: m.id }));
  events.push(...(await bumpConversations(tx, [...bumps.values()], now)));
  await publishEvents(tx, events);
  const welcomed = fresh.flatMap((p) => (p.content.kind === "request_welcome" ? [{ conversationId: convOf(p).id, channelId: p.channel.id, workspaceId: p.channel.workspaceId }] : []));
  return queueWelcomeReplies(tx, welcomed);
}
