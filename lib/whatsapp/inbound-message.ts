import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, ne, sql } from "drizzle-orm";
import { contacts, conversations, mediaFiles, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import { describeInboundMessage, type MessageContent } from "./message-content";
import { parseTimestamp, type WebhookItem } from "./payload";

export type ChannelRef = { id: string; workspaceId: string };
type MessageItem = Extract<WebhookItem, { kind: "message" }>;
type ConversationRef = { id: string; status: string; created: boolean };

/** The same wamid was committed by a parallel processor mid-way: the caller reruns the event. */
export class DuplicateMessageRace extends Error {
  constructor(wamid: string) {
    super(`message ${wamid.slice(0, 128)} was stored concurrently`);
  }
}

/**
 * Records one inbound message, idempotently: the same wamid delivered twice (Meta retries) is
 * one message, and the duplicate changes nothing at all. Returns false for a duplicate.
 * If a parallel processor commits the same wamid while we work, throws DuplicateMessageRace so
 * the whole event rolls back (no contact/conversation trace) and is run again.
 */
export async function recordInboundMessage(tx: Db, channel: ChannelRef, item: MessageItem, now = new Date()): Promise<boolean> {
  const msg = item.message;
  if (await findMessageByProviderId(tx, channel.id, msg.id)) return false;
  const content = describeInboundMessage(msg);
  const at = parseTimestamp(msg.timestamp, now);
  const contactId = await upsertContact(tx, channel.workspaceId, item.contact?.waId ?? msg.from, item.contact?.name ?? null);

  const target = content.reaction ? await findMessageByProviderId(tx, channel.id, content.reaction.targetProviderId) : undefined;
  const conv: ConversationRef = target
    ? { id: target.conversationId, status: "", created: false }
    : content.kind === "reaction"
      ? ((await findLatestConversation(tx, contactId, channel.id)) ?? (await findOrOpenConversation(tx, channel, contactId, at)))
      : await findOrOpenConversation(tx, channel, contactId, at);

  const quoted = msg.context?.id ? await findMessageByProviderId(tx, channel.id, msg.context.id) : undefined;
  const mediaFileId = content.media ? randomUUID() : null;
  const payload = mediaFileId ? { ...content.payload, mediaFileId, mediaUrl: `/api/media/${mediaFileId}` } : content.payload;

  const [row] = await tx
    .insert(messages)
    .values({
      workspaceId: channel.workspaceId,
      conversationId: conv.id,
      channelId: channel.id,
      direction: "inbound",
      authorType: "customer",
      kind: content.kind,
      text: content.text,
      payload,
      providerMessageId: msg.id,
      replyToMessageId: quoted?.id ?? null,
      createdAt: at,
    })
    .onConflictDoNothing({ target: [messages.channelId, messages.providerMessageId] })
    .returning({ id: messages.id });
  if (!row) throw new DuplicateMessageRace(msg.id);
  const events: RealtimeEvent[] = [{ type: "message.created", workspaceId: channel.workspaceId, conversationId: conv.id, messageId: row.id }];

  if (content.media && mediaFileId) await insertMediaFile(tx, channel, row.id, mediaFileId, content.media, payload);

  if (content.kind === "reaction") {
    // A reaction is kept, but is not news: no unread bump, no preview.
    if (target && content.reaction) events.push(...(await applyReaction(tx, target, content.reaction.targetProviderId, content.reaction.emoji, at)));
  } else {
    events.push(...(await bumpConversation(tx, conv, content, at, now)));
  }
  await publishEvents(tx, events);
  return true;
}

async function bumpConversation(tx: Db, conv: ConversationRef, content: MessageContent, at: Date, now: Date): Promise<RealtimeEvent[]> {
  const atSql = sql`${at.toISOString()}::timestamptz`;
  const newest = sql`${atSql} >= ${conversations.lastMessageAt}`;
  const [updated] = await tx
    .update(conversations)
    .set({
      lastMessagePreview: sql`case when ${newest} then ${content.preview} else ${conversations.lastMessagePreview} end`,
      lastMessageDirection: sql`case when ${newest} then 'inbound'::message_direction else ${conversations.lastMessageDirection} end`,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${atSql})`,
      lastInboundAt: sql`greatest(${conversations.lastInboundAt}, ${atSql})`,
      waitingSince: sql`coalesce(${conversations.waitingSince}, ${atSql})`,
      unreadCount: sql`${conversations.unreadCount} + 1`,
      // A customer writing again wakes a snoozed or pending conversation.
      snoozedUntil: sql`case when ${conversations.status} = 'snoozed' then null else ${conversations.snoozedUntil} end`,
      status: sql`case when ${conversations.status} in ('snoozed', 'pending') then 'open'::conversation_status else ${conversations.status} end`,
      updatedAt: now,
    })
    .where(eq(conversations.id, conv.id))
    .returning({ workspaceId: conversations.workspaceId, status: conversations.status });
  if (!updated) return [];
  const fields = ["lastMessage", "unreadCount"];
  if (conv.created || updated.status !== conv.status) fields.push("status");
  return [{ type: "conversation.updated", workspaceId: updated.workspaceId, conversationId: conv.id, fields }];
}

/**
 * The live (not resolved) conversation for this customer on this number, or a new open one.
 * Reopen policy: a resolved conversation is never reused — the customer's next message starts a
 * new thread and the old one stays resolved with its own history and metrics (resolution time,
 * who handled it). Agents still see earlier threads through the contact. This is also the only
 * policy the partial unique index enforces by itself: two concurrent first messages meet on one
 * conversation (ON CONFLICT), and nothing has to guess whether an old thread is "recent enough".
 */
async function findOrOpenConversation(tx: Db, channel: ChannelRef, contactId: string, at: Date): Promise<ConversationRef> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const [live] = await tx
      .select({ id: conversations.id, status: conversations.status })
      .from(conversations)
      .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channel.id), ne(conversations.status, "resolved")))
      .for("update")
      .limit(1);
    if (live) return { ...live, created: false };
    const [created] = await tx
      .insert(conversations)
      .values({ workspaceId: channel.workspaceId, contactId, channelId: channel.id, status: "open", teamId: null, lastMessageAt: at })
      .onConflictDoNothing({ target: [conversations.contactId, conversations.channelId], where: sql`status <> 'resolved'` })
      .returning({ id: conversations.id, status: conversations.status });
    if (created) return { ...created, created: true };
    // Someone else opened it between our select and insert: loop and take theirs.
  }
  throw new Error("Could not find or open a conversation (too much contention).");
}

async function findLatestConversation(tx: Db, contactId: string, channelId: string): Promise<ConversationRef | undefined> {
  const [row] = await tx
    .select({ id: conversations.id, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ? { ...row, created: false } : undefined;
}

async function upsertContact(tx: Db, workspaceId: string, waId: string, name: string | null): Promise<string> {
  const [found] = await tx
    .select({ id: contacts.id, profileName: contacts.profileName })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, workspaceId), eq(contacts.waId, waId)))
    .limit(1);
  if (found) {
    if (name && name !== found.profileName) await tx.update(contacts).set({ profileName: name }).where(eq(contacts.id, found.id));
    return found.id;
  }
  const [row] = await tx
    .insert(contacts)
    .values({ workspaceId, waId, phone: waId, profileName: name })
    .onConflictDoUpdate({ target: [contacts.workspaceId, contacts.waId], set: { profileName: sql`coalesce(excluded.profile_name, ${contacts.profileName})` } })
    .returning({ id: contacts.id });
  return row!.id;
}

type MessageRef = { id: string; conversationId: string; workspaceId: string };

export async function findMessageByProviderId(tx: Db, channelId: string, providerId: string): Promise<MessageRef | undefined> {
  const [row] = await tx
    .select({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId })
    .from(messages)
    .where(and(eq(messages.channelId, channelId), eq(messages.providerMessageId, providerId)))
    .limit(1);
  return row;
}

/** Sets (or clears) the customer's reaction on the target, unless a newer reaction already did. */
async function applyReaction(tx: Db, target: MessageRef, targetProviderId: string, emoji: string, at: Date): Promise<RealtimeEvent[]> {
  const [newer] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, target.conversationId),
        eq(messages.kind, "reaction"),
        gt(messages.createdAt, at),
        sql`${messages.payload}->>'message_id' = ${targetProviderId}`,
      ),
    )
    .limit(1);
  if (newer) return [];
  await tx
    .update(messages)
    .set({ reaction: emoji ? { emoji, at: at.toISOString() } : null })
    .where(eq(messages.id, target.id));
  return [{ type: "message.updated", workspaceId: target.workspaceId, conversationId: target.conversationId, messageId: target.id }];
}

async function insertMediaFile(tx: Db, channel: ChannelRef, messageId: string, id: string, media: NonNullable<MessageContent["media"]>, payload: Record<string, unknown>) {
  const [row] = await tx
    .insert(mediaFiles)
    .values({ id, workspaceId: channel.workspaceId, channelId: channel.id, messageId, providerMediaId: media.providerMediaId, mimeType: media.mimeType, sha256: media.sha256, filename: media.filename })
    .onConflictDoNothing({ target: [mediaFiles.channelId, mediaFiles.providerMediaId] })
    .returning({ id: mediaFiles.id });
  if (row) return;
  // The same media id on another message (rare): point this message at the existing file.
  const [existing] = await tx
    .select({ id: mediaFiles.id })
    .from(mediaFiles)
    .where(and(eq(mediaFiles.channelId, channel.id), eq(mediaFiles.providerMediaId, media.providerMediaId)))
    .limit(1);
  if (existing) {
    await tx
      .update(messages)
      .set({ payload: { ...payload, mediaFileId: existing.id, mediaUrl: `/api/media/${existing.id}` } })
      .where(eq(messages.id, messageId));
  }
}
