import { previewOf } from "@/lib/messages/reply";
import type { InboundMessage } from "./payload";

export const MEDIA_KINDS = ["image", "video", "audio", "sticker", "document"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

const KNOWN_KINDS = new Set<string>([
  "text", ...MEDIA_KINDS, "location", "contacts", "interactive", "button", "reaction", "order", "system", "unsupported",
]);

export type MediaRef = { providerMediaId: string; mimeType: string | null; sha256: string | null; filename: string | null };

export type MessageContent = {
  /** The WhatsApp type, or "unsupported" for types we do not know (the raw message is kept in payload). */
  kind: string;
  /** What a person reads in the thread: body, caption, "📍 place", the tapped button… or null. */
  text: string | null;
  /** The type-specific object as Meta sent it (+ `context`/`referral` when present). */
  payload: Record<string, unknown>;
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

const MEDIA_LABEL: Record<MediaKind, string> = {
  image: "📷 Photo",
  video: "🎥 Video",
  audio: "🎵 Audio",
  sticker: "Sticker",
  document: "📄 Document",
};

/** Turns one inbound WhatsApp message into what we store. Never throws, whatever the shape. */
export function describeInboundMessage(message: InboundMessage): MessageContent {
  const raw = message as Obj;
  const type = message.type;
  const body = raw[type];
  const obj: Obj = isObj(body) ? body : {};
  const extras: Obj = {};
  if (message.context) extras.context = message.context;
  if (isObj(raw.referral)) extras.referral = raw.referral;

  const hasBody = type === "contacts" ? Array.isArray(body) : type === "unsupported" || type === "system" || isObj(body);
  if (!KNOWN_KINDS.has(type) || !hasBody) {
    // Unknown type, or a known type without its object: keep everything, show it as unsupported.
    return unsupported(raw, extras, type);
  }
  const content = describeKnown(type, obj, raw);
  const own = type === "unsupported" ? pick(raw, ["errors", "unsupported"]) : type === "contacts" ? { contacts: body } : obj;
  return { ...content, kind: type, payload: { ...own, ...extras } };
}

function describeKnown(type: string, o: Obj, raw: Obj): Omit<MessageContent, "kind" | "payload"> {
  const plain = (text: string | null, fallback: string) => ({ text, preview: previewOf(text ?? "") || fallback, media: null, reaction: null });
  switch (type) {
    case "text":
      return plain(nonEmpty(str(o, "body")), "Message");
    case "image":
    case "video":
    case "audio":
    case "sticker":
    case "document": {
      const caption = nonEmpty(str(o, "caption"));
      const filename = nonEmpty(str(o, "filename"));
      const label = type === "audio" && o.voice === true ? "🎤 Voice message" : MEDIA_LABEL[type];
      const id = nonEmpty(str(o, "id"));
      const preview = caption ? `${label.split(" ")[0]} ${previewOf(caption)}` : type === "document" && filename ? `📄 ${previewOf(filename)}` : label;
      const media = id ? { providerMediaId: id.slice(0, 512), mimeType: nonEmpty(str(o, "mime_type")), sha256: nonEmpty(str(o, "sha256")), filename } : null;
      return { text: caption, preview: preview.slice(0, 140), media, reaction: null };
    }
    case "location": {
      const name = nonEmpty(str(o, "name")) ?? nonEmpty(str(o, "address"));
      const lat = str(o, "latitude");
      const lng = str(o, "longitude");
      return plain(`📍 ${name ?? (lat && lng ? `${lat}, ${lng}` : "Location")}`, "📍 Location");
    }
    case "contacts": {
      const list = Array.isArray(raw.contacts) ? raw.contacts : [];
      const names = list.map((c) => (isObj(c) && isObj(c.name) ? str(c.name, "formatted_name") : undefined)).filter((n): n is string => !!n);
      return plain(`👤 ${names.length ? names.join(", ") : "Contact card"}`, "👤 Contact card");
    }
    case "interactive": {
      const sub = str(o, "type") ?? "";
      const reply = isObj(o[sub]) ? (o[sub] as Obj) : undefined;
      const text = nonEmpty(str(reply, "title")) ?? nonEmpty(str(reply, "body")) ?? (sub === "nfm_reply" ? "Form submitted" : null);
      return plain(text, "Interactive reply");
    }
    case "button":
      return plain(nonEmpty(str(o, "text")) ?? nonEmpty(str(o, "payload")), "Button reply");
    case "order":
      return plain(describeOrder(o), "🛒 Order");
    case "reaction": {
      const target = nonEmpty(str(o, "message_id"));
      const emoji = str(o, "emoji") ?? "";
      return { text: nonEmpty(emoji), preview: emoji ? `Reacted ${emoji}` : "Removed a reaction", media: null, reaction: target ? { targetProviderId: target, emoji } : null };
    }
    case "system":
      return plain(nonEmpty(str(o, "body")) ?? nonEmpty(str(raw.system as Obj | undefined, "body")), "System message");
    default: // "unsupported": WhatsApp could not deliver the content (code 131051)
      return plain(null, "Unsupported message");
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

function unsupported(raw: Obj, extras: Obj, type: string): MessageContent {
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
