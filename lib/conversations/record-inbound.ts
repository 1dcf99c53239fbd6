import { applyIdentityChange, recordIdentityChanged } from "./contact-identity";
import { applyCsatAnswer, lockRatedConversation } from "./csat-answer";
import { applyMessageOperation, asChangedOriginal } from "./message-edits";
import { bumpConversations } from "@/lib/conversations/summary";
import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { conversations, mediaFiles, messages } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import type { ChannelRef, InboundMessage, MediaRef } from "@/lib/content/inbound-message";
import { convKey, lockOrOpenConversations, personKey, upsertContacts, type ConvRef } from "@/lib/conversations/customer-rows";

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
 * the whole event rolls back (no contact/conversation trace) and is run again. A conversation it
 * opens is added to `opened` (the caller routes new conversations: lib/assignment).
 */
export async function recordInboundMessage(tx: Db, received: InboundMessage, now = new Date(), opened?: Set<string>): Promise<boolean> {
  let inbound = received;
  let marks: { editedAt?: Date; revokedAt?: Date } = {};
  if (received.operation) {
    const applied = await applyMessageOperation(tx, received);
    if (applied !== "missing") return applied;
    ({ inbound, marks } = asChangedOriginal(received)!);
  }
  const { channel, content, at } = inbound;
  if (await findMessageByProviderId(tx, channel.id, inbound.providerMessageId)) return false;
  const person = { workspaceId: channel.workspaceId, ...inbound.customer, at };
  const contactId = (await upsertContacts(tx, [person])).get(personKey(person))!;
  const openConversation = async () =>
    (await lockOrOpenConversations(tx, new Map([[convKey(contactId, channel.id), { contactId, channel, firstAt: at }]]))).get(convKey(contactId, channel.id))!;

  const target = inbound.reaction ? await findMessageByProviderId(tx, channel.id, inbound.reaction.targetProviderId) : undefined;
  // A rating request's answer belongs to the conversation it rates, even a resolved one.
  const rated = await lockRatedConversation(tx, inbound, contactId);
  const conv: ConvRef = rated
    ? { id: rated.conv.id, status: rated.conv.status, created: false }
    : target
    ? { id: target.conversationId, status: "", created: false }
    : content.kind === "reaction" || content.kind === "system"
      ? // Not something to answer: it joins the customer's latest conversation rather than opening one.
        ((await findLatestConversation(tx, contactId, channel.id)) ?? (await openConversation()))
      : await openConversation();

  const quoted = inbound.quotedProviderId ? await findMessageByProviderId(tx, channel.id, inbound.quotedProviderId) : undefined;
  const mediaFileId = inbound.media ? randomUUID() : null;
  const payload = mediaFileId ? { ...content.payload, mediaFileId, mediaUrl: `/api/media/${mediaFileId}` } : content.payload;

  const [row] = await insertInboundMessages(tx, [{ inbound, conversationId: conv.id, payload, replyToMessageId: quoted?.id ?? null, ...marks }]);
  if (!row) throw new DuplicateMessageRace(inbound.providerMessageId);
  if (conv.created) opened?.add(conv.id);
  const events: RealtimeEvent[] = [{ type: "message.created", workspaceId: channel.workspaceId, conversationId: conv.id, messageId: row.id }];

  // customer_changed_number / user_changed_user_id: the same person, known by new identifiers from now on.
  // customer_identity_changed: the same identifiers, but the security code changed (say so to agents).
  if (content.kind === "system" && content.payload) {
    const change = content.payload as { type?: unknown; wa_id?: unknown; user_id?: unknown };
    if (change.type === "customer_changed_number" || change.type === "user_changed_user_id") {
      await applyIdentityChange(tx, {
        contactId,
        waId: change.type === "customer_changed_number" && typeof change.wa_id === "string" ? change.wa_id : null,
        bsuid: typeof change.user_id === "string" ? change.user_id : null,
        at,
      });
    } else if (change.type === "customer_identity_changed") {
      await recordIdentityChanged(tx, { contactId, at });
    }
    events.push({ type: "conversation.updated", workspaceId: channel.workspaceId, conversationId: conv.id, fields: ["contact"] });
  }

  if (inbound.media && mediaFileId) await insertMediaFile(tx, channel, row.id, mediaFileId, inbound.media, payload ?? {});

  if (rated) {
    // A rating is not news to answer: stored, said in the thread, nothing unread, nothing reopened.
    events.push(...(await applyCsatAnswer(tx, rated.conv, { rating: rated.rating, at })));
  } else if (content.kind === "reaction") {
    // A reaction is kept, but is not news: no unread bump, no preview.
    if (target && inbound.reaction) events.push(...(await applyReaction(tx, target, inbound.reaction.targetProviderId, inbound.reaction.emoji, at)));
  } else if (content.kind === "system") {
    // WhatsApp's notice about the customer's identity: a line in the thread, nothing to answer.
  } else if (!marks.revokedAt) {
    // (A message we only learn of as deleted is not news either.)
    events.push(...(await bumpConversations(tx, [{ conv, workspaceId: channel.workspaceId, count: 1, newestAt: at, newestPreview: inbound.preview, earliestAt: at }], now)));
  }
  await publishEvents(tx, events);
  return true;
}

export type InboundRow = {
  inbound: InboundMessage;
  conversationId: string;
  payload?: Record<string, unknown> | null;
  replyToMessageId?: string | null;
  editedAt?: Date;
  revokedAt?: Date;
};

/**
 * The one insert of customers' messages, for one or many. A wamid already stored is skipped (the
 * unique index): the caller compares what came back with what it sent and reruns on a race.
 */
export async function insertInboundMessages(tx: Db, rows: InboundRow[]): Promise<{ id: string; conversationId: string; workspaceId: string }[]> {
  if (rows.length === 0) return [];
  return tx
    .insert(messages)
    .values(
      rows.map(({ inbound, conversationId, payload, replyToMessageId, editedAt, revokedAt }) => ({
        workspaceId: inbound.channel.workspaceId,
        conversationId,
        channelId: inbound.channel.id,
        direction: "inbound" as const,
        authorType: "customer" as const,
        kind: inbound.content.kind,
        text: inbound.content.text,
        payload: payload === undefined ? inbound.content.payload : payload,
        providerMessageId: inbound.providerMessageId,
        replyToMessageId: replyToMessageId ?? null,
        editedAt: editedAt ?? null,
        revokedAt: revokedAt ?? null,
        createdAt: inbound.at,
      })),
    )
    .onConflictDoNothing({ target: [messages.channelId, messages.providerMessageId] })
    .returning({ id: messages.id, conversationId: messages.conversationId, workspaceId: messages.workspaceId });
}

async function findLatestConversation(tx: Db, contactId: string, channelId: string): Promise<ConvRef | undefined> {
  const [row] = await tx
    .select({ id: conversations.id, status: conversations.status })
    .from(conversations)
    .where(and(eq(conversations.contactId, contactId), eq(conversations.channelId, channelId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ? { ...row, created: false } : undefined;
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

async function insertMediaFile(tx: Db, channel: ChannelRef, messageId: string, id: string, media: MediaRef, payload: Record<string, unknown>) {
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
