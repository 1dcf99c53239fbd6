import type { MessageContent } from "./message-content";

// The contract between a channel adapter and the inbox: a customer's message, normalised. The
// adapter (lib/whatsapp) builds it from the provider's notification; lib/conversations records it.

export type ChannelRef = { id: string; workspaceId: string };

/** A file the provider holds for us: downloaded in the background after the message is stored. */
export type MediaRef = { providerMediaId: string; mimeType: string | null; sha256: string | null; filename: string | null };

export type InboundMessage = {
  channel: ChannelRef;
  /** The provider's message id (a WhatsApp wamid): the same id twice is one message. */
  providerMessageId: string;
  at: Date;
  /** Phone (wa_id), business-scoped user id, or both: never neither. */
  customer: { waId: string | null; bsuid: string | null; parentBsuid: string | null; name: string | null; username: string | null };
  content: MessageContent;
  /** One line for the inbox list. */
  preview: string;
  media: MediaRef | null;
  /** For reactions: the message reacted to and the emoji ("" = removed). */
  reaction: { targetProviderId: string; emoji: string } | null;
  /** The message this one quotes, by provider id. */
  quotedProviderId: string | null;
  /**
   * An edit or a deletion of an earlier message (numbers shared with the WhatsApp Business app):
   * applied to that message, never stored as a message of its own.
   */
  operation?: { kind: "edit"; targetProviderId: string; content: MessageContent; preview: string } | { kind: "revoke"; targetProviderId: string } | null;
};
