import "server-only";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { findConversationDetails, findConversationListItems } from "@/lib/conversations/queries";
import { findMessageDtos } from "@/lib/messages/queries";
import { findPaymentRequestDetails } from "@/lib/payments/queries";
import { countUnreadFor, findNotificationDtos } from "@/lib/notifications/queries";
import { findViewers } from "@/lib/presence/viewers";
import type { LiveChanges, LiveNotice } from "./frame";

/**
 * Reads the current state of what a batch of one workspace's events touched, once for every
 * stream of this process: a query per kind (messages, list rows, details), by ids. A message
 * updated three times in the batch is read once; what was deleted meanwhile is reported `gone`.
 */
export async function hydrateEvents(db: Db, { workspaceId, events }: { workspaceId: string; events: RealtimeEvent[] }): Promise<LiveChanges> {
  const messageIds = new Set<string>();
  const touched = new Set<string>();
  const changed = new Set<string>();
  const notices = new Map<string, LiveNotice>();
  const paymentIds = new Set<string>();
  const viewed = new Set<string>();
  const notificationIds = new Set<string>();
  const reads: { userId: string; ids: string[] | null }[] = [];
  for (const e of events) {
    if (e.workspaceId !== workspaceId) continue;
    switch (e.type) {
      case "message.created":
      case "message.updated":
        messageIds.add(e.messageId);
        touched.add(e.conversationId);
        break;
      case "conversation.updated":
        touched.add(e.conversationId);
        changed.add(e.conversationId);
        break;
      case "presence.updated":
        notices.set(`p:${e.userId}`, { type: e.type, userId: e.userId });
        break;
      case "team.updated":
        notices.set(`tm:${e.teamId}`, { type: e.type, teamId: e.teamId });
        break;
      case "channel.updated":
        notices.set(`c:${e.channelId}`, { type: e.type, channelId: e.channelId });
        break;
      case "booking.updated":
        notices.set(`b:${e.contactId}`, { type: e.type, contactId: e.contactId });
        break;
      case "template.updated":
        notices.set(`t:${e.templateId ?? "*"}`, { type: e.type, templateId: e.templateId });
        break;
      case "labels.changed":
        notices.set("labels", { type: e.type });
        break;
      case "payment.updated":
        paymentIds.add(e.paymentRequestId);
        break;
      case "workspace.updated":
        notices.set("w", { type: e.type });
        break;
      case "viewers.updated":
        viewed.add(e.conversationId);
        break;
      case "notification.created":
        notificationIds.add(e.notificationId);
        break;
      case "notifications.read":
        reads.push({ userId: e.userId, ids: e.ids });
        break;
    }
  }
  const [messages, conversations, details, payments, viewers, created] = await Promise.all([
    findMessageDtos(db, { workspaceId, ids: [...messageIds] }),
    findConversationListItems(db, { workspaceId, ids: [...touched] }),
    findConversationDetails(db, { workspaceId, ids: [...changed] }),
    findPaymentRequestDetails(db, { workspaceId, ids: [...paymentIds] }),
    findViewers(db, { workspaceId, conversationIds: [...viewed] }),
    findNotificationDtos(db, { workspaceId, ids: [...notificationIds] }),
  ]);
  for (const [conversationId, list] of viewers) notices.set(`v:${conversationId}`, { type: "viewers.updated", conversationId, viewers: list });
  // Each user's unread count as it is after the batch, so every tab shows the same number.
  const unread = await countUnreadFor(db, { workspaceId, userIds: [...new Set([...created.map((n) => n.userId), ...reads.map((r) => r.userId)])] });
  for (const { userId, ...notification } of created) notices.set(`n:${notification.id}`, { type: "notification.created", userId, notification, unread: unread.get(userId) ?? 0 });
  reads.forEach((r, i) => notices.set(`r:${i}`, { type: "notifications.read", userId: r.userId, ids: r.ids, unread: unread.get(r.userId) ?? 0 }));
  const found = new Set(conversations.map((c) => c.id));
  return {
    messages: messages.filter((m) => found.has(m.conversationId)),
    conversations,
    details: details.filter((d) => found.has(d.id)),
    gone: [...touched].filter((id) => !found.has(id)),
    notices: [...notices.values()],
    payments,
  };
}

/** Whether a batch may have changed anyone's view counts (a conversation changed or was created). */
export function mayChangeCounts(events: RealtimeEvent[]): boolean {
  return events.some((e) => e.type === "conversation.updated" || e.type === "message.created");
}
