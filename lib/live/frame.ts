// What the live stream carries: the current state of what a batch of writes touched, in the
// shapes of the GET routes, so a tab patches its caches instead of refetching. Types only: the
// browser imports them too (lib/client/types.ts).
import type { ConversationDetail, ConversationListItem } from "@/lib/conversations/queries";
import type { ViewCounts } from "@/lib/conversations/view-counts";
import type { MessageDto } from "@/lib/messages/queries";
import type { PaymentRequestDetail } from "@/lib/payments/queries";
import type { NotificationDto } from "@/lib/notifications/queries";
import type { ViewerDto } from "@/lib/presence/viewers";

/**
 * Rare events: some the client answers by refetching (availability, channel health, a contact's
 * bookings, templates, workspace rules), some carry their data (who is in a thread; a user's own
 * notifications, which only that user's streams receive: see lib/live/audience.ts).
 */
export type LiveNotice =
  | { type: "presence.updated"; userId: string }
  | { type: "team.updated"; teamId: string }
  | { type: "channel.updated"; channelId: string }
  | { type: "booking.updated"; contactId: string }
  | { type: "template.updated"; templateId: string | null }
  | { type: "labels.changed" }
  | { type: "workspace.updated" }
  | { type: "viewers.updated"; conversationId: string; viewers: ViewerDto[] }
  | PersonalNotice;

/** Notices for one user only. */
export type PersonalNotice =
  | { type: "notification.created"; userId: string; notification: NotificationDto; unread: number }
  | { type: "notifications.read"; userId: string; ids: string[] | null; unread: number };

export function isPersonalNotice(n: LiveNotice): n is PersonalNotice {
  return n.type === "notification.created" || n.type === "notifications.read";
}

export type LiveChanges = {
  /** Messages created or updated, each as `GET /api/conversations/:id/messages` returns an item. */
  messages: MessageDto[];
  /** The list row of every conversation the batch touched, as `GET /api/conversations` returns it. */
  conversations: ConversationListItem[];
  /** Conversations that changed (`conversation.updated`), as `GET /api/conversations/:id` returns them. */
  details: ConversationDetail[];
  /** Conversations the batch touched that this reader can no longer see (deleted or out of reach). */
  gone: string[];
  notices: LiveNotice[];
  /** Payment requests that changed (`payment.updated`), with their refunds, as `GET /api/payment-requests/:id` returns them. */
  payments: PaymentRequestDetail[];
};

/**
 * One SSE `live` event. `seq` numbers the events of one stream 1, 2, 3… (also the SSE `id:`); a
 * number skipped means the server dropped something for this tab (it was too slow to read), and
 * the tab refetches what it shows. `counts` comes when this user's view counts changed.
 */
export type LiveFrame = LiveChanges & { seq: number; counts?: ViewCounts };

/** SSE `resync`: everything may have changed (the database listener reconnected); refetch. */
export type ResyncFrame = { seq: number };

export function isEmptyChanges(c: LiveChanges): boolean {
  return c.messages.length === 0 && c.conversations.length === 0 && c.details.length === 0 && c.gone.length === 0 && c.notices.length === 0 && c.payments.length === 0;
}
