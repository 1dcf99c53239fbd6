// Outbound half of the channel adapter: typed message content → the Cloud API JSON of
// POST /{phone-number-id}/messages. Pure.
//
// The kinds beyond text carry the Cloud API object of their type verbatim (payload.template =
// { name, language: { code }, components }, payload.document = { link | id, filename?, caption? },
// payload.interactive = { type: "cta_url", body, action }). The composer that stores them
// validates them; here we only check the shape is there.
import { asContent, type MessageContent } from "@/lib/content/message-content";

/** A stored row, or typed content; `id` is echoed back as biz_opaque_callback_data on every status. */
export type OutboundMessage = { id: string; kind: string; text: string | null; payload: Record<string, unknown> | null } | ({ id: string } & MessageContent);

export type SendTarget = {
  /** The customer's phone (wa_id): used whenever we know it. */
  to?: string | null;
  /** The customer's business-scoped user id, for a customer whose phone WhatsApp withholds. */
  recipient?: string | null;
  /** wamid of the message this one quotes, when it has one. */
  quotedWamid?: string | null;
};

/** A message we cannot turn into a valid request: failing it is final, retrying cannot help. */
export class BuildSendBodyError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "BuildSendBodyError";
  }
}

const URL_IN_TEXT = /\bhttps?:\/\/\S/i;

function objectAt(payload: object | null, key: string): Record<string, unknown> {
  const value = (payload as Record<string, unknown> | null)?.[key];
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new BuildSendBodyError(`A ${key} message needs payload.${key} (the Cloud API ${key} object).`);
  }
  return value as Record<string, unknown>;
}

function contentOf(msg: MessageContent): { type: string; content: Record<string, unknown> } {
  switch (msg.kind) {
    case "text": {
      const body = msg.text ?? "";
      if (!body.trim()) throw new BuildSendBodyError("A text message needs a body.");
      return { type: "text", content: { body, preview_url: URL_IN_TEXT.test(body) } };
    }
    case "template": {
      const t = objectAt(msg.payload, "template");
      const language = t.language as { code?: unknown } | undefined;
      if (typeof t.name !== "string" || typeof language?.code !== "string") {
        throw new BuildSendBodyError("A template message needs payload.template.name and payload.template.language.code.");
      }
      return { type: "template", content: t };
    }
    case "document": {
      const d = objectAt(msg.payload, "document");
      if (typeof d.link !== "string" && typeof d.id !== "string") throw new BuildSendBodyError("A document message needs payload.document.link or .id.");
      return { type: "document", content: d };
    }
    case "interactive": {
      const i = objectAt(msg.payload, "interactive");
      if (i.type !== "cta_url" && i.type !== "button" && i.type !== "list" && i.type !== "order_details") {
        throw new BuildSendBodyError("payload.interactive.type must be cta_url, button, list or order_details.");
      }
      return { type: "interactive", content: i };
    }
    default:
      throw new BuildSendBodyError(`Sportello cannot send "${msg.kind}" messages yet.`);
  }
}

export function buildSendBody(msg: OutboundMessage, target: SendTarget): Record<string, unknown> {
  const { type, content } = contentOf(asContent(msg as { kind: string; text: string | null; payload: Record<string, unknown> | null }));
  // Phone first (Meta: "if both are given, `to` wins"); a username-only customer by their BSUID.
  const address = target.to ? { to: target.to } : target.recipient ? { recipient: target.recipient } : null;
  if (!address) throw new BuildSendBodyError("The customer has neither a phone number nor a WhatsApp user id to send to.");
  return {
    messaging_product: "whatsapp",
    recipient_type: "individual",
    ...address,
    type,
    [type]: content,
    ...(target.quotedWamid ? { context: { message_id: target.quotedWamid } } : {}),
    biz_opaque_callback_data: msg.id,
  };
}
