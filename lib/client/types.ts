// Client-side shapes of the API's answers. Server modules are imported as types only.
import type { Action, Role } from "@/lib/auth/permissions";
import type { ConversationStatus, Priority, View } from "@/lib/conversations/schemas";

export type { ConversationDetail, ConversationListItem, ConversationPage } from "@/lib/conversations/queries";
export type { ViewCounts } from "@/lib/conversations/view-counts";
export type { MessageDto, MessagePage } from "@/lib/messages/queries";
export type { DeliveryStatus } from "@/lib/messages/schemas";
export type { RealtimeEvent } from "@/lib/realtime/events";
export type { LiveFrame, LiveNotice, PersonalNotice, ResyncFrame } from "@/lib/live/frame";
export type { NotificationDto, NotificationPage } from "@/lib/notifications/queries";
export type { ViewerDto } from "@/lib/presence/viewers";
export type { ChangeSince } from "@/lib/messages/errors";
export type { NotePayload } from "@/lib/content/message-content";
export type { PaymentRequestDetail } from "@/lib/payments/queries";
export type { PaymentRequestListItem, PaymentRequestPage, PaymentTotals } from "@/lib/payments/list";
export type { PaymentRequestDto, RefundDto } from "@/lib/payments/dto";
export type { ChannelAlert, ChannelDto, WebhookState } from "@/lib/channels/channels";
export type { WhatsAppConnection } from "@/lib/env";
export type { TeamAgent, TeamConversation, TeamQueue, TeamView } from "@/lib/assignment/team-view";
export type { BulkResult } from "@/lib/assignment/update";
export type { Availability } from "@/lib/assignment/schemas";
export type { Action, Role, ConversationStatus, Priority, View };

export type Me = Awaited<ReturnType<typeof import("@/lib/users/me").describeMe>>;

export type Teammate = {
  id: string;
  name: string;
  email: string;
  role: Role;
  availability: "online" | "away" | "offline";
  active: boolean;
  capacity: number;
};

export type Team = { id: string; name: string; memberIds: string[] };

export type ConversationPatch = {
  status?: ConversationStatus;
  priority?: Priority;
  assigneeId?: string | null;
  teamId?: string | null;
  snoozedUntil?: string;
};
