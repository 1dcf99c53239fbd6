import "server-only";
import type { Db } from "@/lib/db/types";
import type { RealtimeEvent } from "@/lib/realtime/events";
import { findConversationDetails, findConversationListItems } from "@/lib/conversations/queries";
import { findMessageDtos } from "@/lib/messages/queries";
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
    }
  }
  const [messages, conversations, details] = await Promise.all([
    findMessageDtos(db, { workspaceId, ids: [...messageIds] }),
    findConversationListItems(db, { workspaceId, ids: [...touched] }),
    findConversationDetails(db, { workspaceId, ids: [...changed] }),
  ]);
  const found = new Set(conversations.map((c) => c.id));
  return {
    messages: messages.filter((m) => found.has(m.conversationId)),
    conversations,
    details: details.filter((d) => found.has(d.id)),
    gone: [...touched].filter((id) => !found.has(id)),
    notices: [...notices.values()],
  };
}

/** Whether a batch may have changed anyone's view counts (a conversation changed or was created). */
export function mayChangeCounts(events: RealtimeEvent[]): boolean {
  return events.some((e) => e.type === "conversation.updated" || e.type === "message.created");
}
