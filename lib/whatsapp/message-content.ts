// Inbound half of the channel adapter: one Cloud API message → the typed content we store.
import type { ChannelRef, InboundMessage as NormalizedInbound, MediaRef } from "@/lib/content/inbound-message";
import { flowAnswers, previewOf, type MessageContent } from "@/lib/content/message-content";
import { parseTimestamp, type InboundMessage, type WebhookItem } from "./payload";

// Kinds a customer can send (what we store them as); anything else is kept as `unsupported`.
const INBOUND_KINDS = new Set<string>([
  "text", "image", "video", "audio", "sticker", "document", "location", "contacts", "interactive", "button", "reaction", "order", "system", "unsupported",
  "request_welcome",
]);


/** The stored content (`kind`, `text`, `payload` as Meta sent it + context/referral) and what ingest needs besides. */
export type InboundContent = MessageContent & {
  /** One line for the inbox list. */
  preview: string;
  media: MediaRef | null;
  /** For reactions: the wamid reacted to and the emoji ("" = removed). */
  reaction: { targetProviderId: string; emoji: string } | null;
};

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (o: Obj | undefined, key: string): string | undefined => {
  const v = o?.[key];
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
};
const nonEmpty = (s: string | undefined | null): string | null => (s && s.trim() ? s : null);

/** Turns one inbound WhatsApp message into what we store. Never throws, whatever the shape. */
export function describeInboundMessage(message: InboundMessage): InboundContent {
  const raw = message as Obj;
  const type = message.type;
  const body = raw[type];
  const obj: Obj = isObj(body) ? body : {};
  const extras: Obj = {};
  if (message.context) extras.context = message.context;
  if (isObj(raw.referral)) extras.referral = raw.referral;

  const hasBody = type === "contacts" ? Array.isArray(body) : type === "unsupported" || type === "system" || type === "request_welcome" || isObj(body);
  if (!INBOUND_KINDS.has(type) || !hasBody) {
    // Unknown type, or a known type without its object: keep everything, show it as unsupported.
    return unsupported(raw, extras, type);
  }
  const described = describeKnown(type, obj, raw);
  const own =
    type === "unsupported" ? pick(raw, ["errors", "unsupported"])
    : type === "contacts" ? { contacts: body }
    : type === "system" && isObj(raw.identity) ? { ...withoutOurKeys(obj), identity: raw.identity }
    : withoutOurKeys(obj);
  const content = { kind: type, text: described.text, payload: { ...own, ...extras } } as MessageContent;
  return { ...content, preview: previewOf(content), media: described.media, reaction: described.reaction };
}

type Described = { text: string | null; media: MediaRef | null; reaction: InboundContent["reaction"] };

function describeKnown(type: string, o: Obj, raw: Obj): Described {
  const plain = (text: string | null): Described => ({ text, media: null, reaction: null });
  switch (type) {
    case "text":
      return plain(nonEmpty(str(o, "body")));
    case "image":
    case "video":
    case "audio":
    case "sticker":
    case "document": {
      const caption = nonEmpty(str(o, "caption"));
      const filename = nonEmpty(str(o, "filename"));
      const id = nonEmpty(str(o, "id"));
      const media = id ? { providerMediaId: id.slice(0, 512), mimeType: nonEmpty(str(o, "mime_type")), sha256: nonEmpty(str(o, "sha256")), filename } : null;
      return { text: caption, media, reaction: null };
    }
    case "location": {
      const name = nonEmpty(str(o, "name")) ?? nonEmpty(str(o, "address"));
      const lat = str(o, "latitude");
      const lng = str(o, "longitude");
      return plain(`📍 ${name ?? (lat && lng ? `${lat}, ${lng}` : "Location")}`);
    }
    case "contacts": {
      const list = Array.isArray(raw.contacts) ? raw.contacts : [];
      const names = list.map((c) => (isObj(c) && isObj(c.name) ? str(c.name, "formatted_name") : undefined)).filter((n): n is string => !!n);
      return plain(`👤 ${names.length ? names.join(", ") : "Contact card"}`);
    }
    case "interactive": {
      const sub = str(o, "type") ?? "";
      const reply = isObj(o[sub]) ? (o[sub] as Obj) : undefined;
      if (sub === "nfm_reply") {
        // A Flow's answers, not its "Sent" body: the thread lists them, this line is the preview.
        const answers = flowAnswers({ nfm_reply: reply });
        const line = answers?.map((a) => `${a.field}: ${a.value}`).join(" · ");
        return plain(line || "Form submitted");
      }
      const text = nonEmpty(str(reply, "title")) ?? nonEmpty(str(reply, "body"));
      return plain(text);
    }
    case "button":
      return plain(nonEmpty(str(o, "text")) ?? nonEmpty(str(o, "payload")));
    case "order":
      return plain(describeOrder(o));
    case "reaction": {
      const target = nonEmpty(str(o, "message_id"));
      const emoji = str(o, "emoji") ?? "";
      return { text: nonEmpty(emoji), media: null, reaction: target ? { targetProviderId: target, emoji } : null };
    }
    case "request_welcome":
      return plain(null);
    case "system":
      return plain(nonEmpty(str(o, "body")) ?? nonEmpty(str(raw.system as Obj | undefined, "body")));
    default: // "unsupported": WhatsApp could not deliver the content (code 131051)
      return plain(null);
  }
}

function describeOrder(o: Obj): string {
  const items = Array.isArray(o.product_items) ? o.product_items.filter(isObj) : [];
  let count = 0;
  let total = 0;
  const currencies = new Set<string>();
  let priced = items.length > 0;
  for (const item of items) {
    const qty = Number(item.quantity ?? 1);
    const price = Number(item.item_price);
    count += Number.isFinite(qty) && qty > 0 ? qty : 1;
    if (Number.isFinite(price) && Number.isFinite(qty)) total += price * qty;
    else priced = false;
    const currency = str(item, "currency");
    if (currency) currencies.add(currency);
  }
  let text = `🛒 Order of ${count} item${count === 1 ? "" : "s"}`;
  if (priced && currencies.size === 1) text += ` (${[...currencies][0]} ${total.toFixed(2)})`;
  const note = nonEmpty(str(o, "text"));
  return note ? `${text}: ${note}` : text;
}

function unsupported(raw: Obj, extras: Obj, type: string): InboundContent {
  const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "id" && k !== "from" && k !== "timestamp"));
  return {
    kind: "unsupported",
    text: null,
    payload: { ...rest, ...extras, originalType: type },
    preview: "Unsupported message",
    media: null,
    reaction: null,
  };
}

function pick(o: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) if (k in o) out[k] = o[k];
  return out;
}

/** A notification's message item → the inbox's normalised inbound message. Never throws. */
export function toInboundMessage(channel: ChannelRef, item: Extract<WebhookItem, { kind: "message" }>, now = new Date()): NormalizedInbound {
  const msg = item.message;
  const { preview, media, reaction, ...content } = describeInboundMessage(msg);
  return {
    channel,
    providerMessageId: msg.id,
    at: parseTimestamp(msg.timestamp, now),
    customer: {
      waId: item.contact?.waId ?? msg.from ?? null,
      bsuid: item.contact?.bsuid ?? msg.from_user_id ?? null,
      parentBsuid: item.contact?.parentBsuid ?? msg.from_parent_user_id ?? null,
      name: item.contact?.name ?? null,
      username: item.contact?.username ?? null,
    },
    content: content as MessageContent,
    preview,
    media,
    reaction,
    quotedProviderId: msg.context?.id ?? null,
    operation: operationOf(msg),
  };
}

/** `type: "edit"` carries the new version of an earlier message; `type: "revoke"` deletes one. */
function operationOf(msg: InboundMessage): NormalizedInbound["operation"] {
  const raw = msg as Obj;
  const body = isObj(raw[msg.type]) ? (raw[msg.type] as Obj) : null;
  const target = nonEmpty(str(body ?? undefined, "original_message_id"));
  if (!target) return null;
  if (msg.type === "revoke") return { kind: "revoke", targetProviderId: target.slice(0, 512) };
  if (msg.type !== "edit" || !isObj(body?.message)) return null;
  const nested = body.message as Obj;
  const type = typeof nested.type === "string" ? nested.type : "text";
  const described = describeInboundMessage({ ...nested, id: msg.id, from: msg.from, type } as InboundMessage);
  const content = { kind: described.kind, text: described.text, payload: described.payload } as MessageContent;
  return { kind: "edit", targetProviderId: target.slice(0, 512), content, preview: described.preview };
}

/**
 * mediaFileId and mediaUrl are ours (set when a media id is stored): a notification never gets to
 * choose what the thread loads as a customer's photo or links to as their document.
 */
function withoutOurKeys(o: Obj): Obj {
  if (!("mediaUrl" in o) && !("mediaFileId" in o)) return o;
  const rest: Obj = {};
  for (const [k, v] of Object.entries(o)) if (k !== "mediaUrl" && k !== "mediaFileId") rest[k] = v;
  return rest;
}

/** An echo (sent by the business from the WhatsApp Business app) → the same normalised shape, addressed by its recipient. */
export function toEchoMessage(channel: ChannelRef, item: Extract<WebhookItem, { kind: "echo" }>, now = new Date()): NormalizedInbound {
  const { preview, media: _media, reaction: _reaction, ...content } = describeInboundMessage(item.message);
  void _media;
  void _reaction;
  return {
    channel,
    providerMessageId: item.message.id,
    at: parseTimestamp(item.message.timestamp, now),
    customer: { waId: item.to.waId, bsuid: item.to.bsuid, parentBsuid: null, name: null, username: null },
    content: content as MessageContent,
    preview,
    media: null,
    reaction: null,
    quotedProviderId: null,
    operation: null,
  };
}
