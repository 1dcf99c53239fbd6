// What a message says, one typed union for every place that reads or writes it: storage
// (messages.kind/text/payload), the Cloud API body builder, the inbox preview, the thread renderer
// and quotes. Pure and client-safe. Send bookkeeping lives apart (messages.send_state), so a
// payload is content only. Later kinds (booking card, boarding pass, payment request) add a member
// here and the compiler lists every switch that must learn it.

export { DELETED_PREVIEW, stockPreview, type StockPreviewKey } from "./stock-preview";

export const MEDIA_KINDS = ["image", "video", "audio", "sticker", "document"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MESSAGE_KINDS = [
  "text", ...MEDIA_KINDS, "location", "contacts", "interactive", "button", "reaction", "order", "template", "system", "unsupported", "event",
  "request_welcome", "note",
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** What Meta attaches to any inbound message: the quoted message and, from ads, the referral. */
export type InboundExtras = { context?: { id?: string; from?: string }; referral?: Record<string, unknown> };

/** An inbound media object as Meta sent it, plus where we keep the downloaded file. */
export type MediaPayload = InboundExtras & {
  id?: string;
  mime_type?: string;
  sha256?: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  /** Our media_files row, once the message is stored. */
  mediaFileId?: string;
  /** `/api/media/{mediaFileId}`, or a boarding pass we sent (`/api/bookings/{id}/boarding-pass?…`): never a URL that came from outside. */
  mediaUrl?: string;
  /** Outbound documents: the Cloud API object to send (`link` or `id`, filename, caption). */
  document?: { link?: string; id?: string; filename?: string; caption?: string };
};

export type LocationPayload = InboundExtras & { latitude?: number | string; longitude?: number | string; name?: string; address?: string; url?: string };
export type ContactsPayload = InboundExtras & { contacts?: unknown[] };
/** Inbound: the customer's reply (`button_reply`, `list_reply`, `nfm_reply`); outbound: `interactive` to send. */
export type InteractivePayload = InboundExtras & {
  type?: string;
  button_reply?: { id?: string; title?: string };
  list_reply?: { id?: string; title?: string; description?: string };
  nfm_reply?: { name?: string; body?: string; response_json?: string };
  interactive?: { type: "cta_url" | "button" | "list" | "order_details"; [key: string]: unknown };
  /** A payment request's card (lib/payments keeps it current as the request moves). */
  payment?: PaymentCardRef;
};
/** The thread card of a payment request: what it shows without another fetch, updated live. */
export type PaymentCardRef = { id: string; reference: string; status: string; currency: string; amountTotal: number; amountRefunded: number };
export type ButtonPayload = InboundExtras & { text?: string; payload?: string };
export type ReactionPayload = { message_id?: string; emoji?: string };
export type OrderPayload = InboundExtras & { catalog_id?: string; text?: string; product_items?: { product_retailer_id?: string; quantity?: number | string; item_price?: number | string; currency?: string }[] };
/**
 * The message as the customer reads it: header, body (WhatsApp formatting kept), footer, buttons.
 * The same shape as lib/templates/model.ts RenderedTemplate (content sits below templates).
 */
export type RenderedTemplateContent = {
  header: { format: "TEXT" | "IMAGE" | "VIDEO" | "DOCUMENT" | "LOCATION"; text?: string; filename?: string } | null;
  body: string;
  footer: string | null;
  buttons: { type: "QUICK_REPLY" | "URL" | "PHONE_NUMBER"; text: string; url?: string }[];
};
/**
 * `template` is the Cloud API template object, sent verbatim; the rest is ours, for the thread:
 * what the customer sees, and which template and booking it came from.
 */
export type TemplatePayload = {
  template: { name: string; language: { code: string }; components?: unknown[] };
  rendered?: RenderedTemplateContent;
  templateId?: string;
  bookingId?: string;
  payment?: PaymentCardRef;
};
export type UnsupportedPayload = Record<string, unknown> & { originalType?: string };
/**
 * An internal note (direction internal, never sent to WhatsApp): the teammates it @mentions, by
 * id, with their names as they were when it was written (the text holds "@Name").
 */
export type NotePayload = { mentions: { userId: string; name: string }[] };

/**
 * A timeline entry written by Sportello itself, as data: the client says it in the reader's
 * language. Names are kept as they were at the time (a teammate may be renamed or leave later).
 */
export type SystemEventPayload =
  // auto: given by auto-assignment (`by` null) or claimed by a reply; queued: handed back to the
  // team's queue (`team` names it) by a lead.
  | { action: "assigned"; by: string | null; byName?: string; from: string | null; to: string | null; toName?: string; auto?: boolean; queued?: boolean; team?: string }
  | { action: "status_changed"; by: string | null; byName?: string; from: string; to: string }
  | { action: "team_changed"; by: string | null; byName?: string; from: string | null; to: string | null; toName?: string }
  // Label names as they were at the time (a later rename or delete does not rewrite history).
  | { action: "labels_changed"; by: string | null; byName?: string; added: string[]; removed: string[] }
  // A payment request moved (created, paid, cancelled, expired, refunded). `by` is the teammate,
  // or null for the customer (`byName`: their name) and for the expiry; `amountText` is the
  // English rendering of `amount` (minor units of `currency`).
  | {
      action: "payment_changed";
      by: string | null;
      byName?: string;
      paymentRequestId: string;
      reference: string;
      status: string;
      amount: number;
      currency: string;
      amountText: string;
    }
  // Customer satisfaction: the rating request went out on resolve (the template message's id),
  // and the customer answered it (`byName`: their name; `rating` 1–5, see lib/content/csat.ts).
  | { action: "csat_requested"; by: null; byName?: string; messageId: string }
  | { action: "csat_rated"; by: null; byName?: string; rating: number };

type Payloads = {
  text: InboundExtras;
  image: MediaPayload;
  video: MediaPayload;
  audio: MediaPayload;
  sticker: MediaPayload;
  document: MediaPayload;
  location: LocationPayload;
  contacts: ContactsPayload;
  interactive: InteractivePayload;
  button: ButtonPayload;
  reaction: ReactionPayload;
  order: OrderPayload;
  template: TemplatePayload;
  system: Record<string, unknown>;
  unsupported: UnsupportedPayload;
  event: SystemEventPayload;
  /** The customer opened the chat for the first time (no content). */
  request_welcome: InboundExtras;
  note: NotePayload;
};

/** One member per kind: `text` is what a person reads (body, caption, "📍 place"…), `payload` the rest. */
export type MessageContent = { [K in MessageKind]: { kind: K; text: string | null; payload: Payloads[K] | null } }[MessageKind];
export type ContentOf<K extends MessageKind> = Extract<MessageContent, { kind: K }>;

const KIND_SET = new Set<string>(MESSAGE_KINDS);
export const isMessageKind = (kind: string): kind is MessageKind => KIND_SET.has(kind);
export const isMediaKind = (kind: string): kind is MediaKind => (MEDIA_KINDS as readonly string[]).includes(kind);

/**
 * A stored row as the union. Storage is jsonb, so this is where a row of a kind this build does
 * not know (written by a newer version) becomes `unsupported` instead of a crash.
 */
export function asContent(row: { kind: string; text: string | null; payload: Record<string, unknown> | null }): MessageContent {
  if (!isMessageKind(row.kind)) return { kind: "unsupported", text: row.text, payload: { ...(row.payload ?? {}), originalType: row.kind } };
  return row as MessageContent;
}

/** One line of text for the inbox list: whitespace folded, 140 characters at most. */
export function previewText(text: string | null | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim().slice(0, 140);
}

/** The words for media and empty messages: English on the server, the `media` catalog in the UI. */
export type MediaWords = (key: MediaKind | "voice" | "unsupported" | "message") => string;

const ENGLISH: Record<Parameters<MediaWords>[0], string> = {
  image: "Photo",
  sticker: "Sticker",
  video: "Video",
  audio: "Audio",
  document: "Document",
  voice: "Voice message",
  unsupported: "Unsupported message",
  message: "Message",
};
const english: MediaWords = (key) => ENGLISH[key];
const MEDIA_EMOJI: Record<MediaKind, string> = { image: "📷", sticker: "", video: "🎥", audio: "🎵", document: "📄" };

/** "Photo", "Voice message"…, or null when the message is not media. */
export function mediaLabel(m: { kind: string; payload: Record<string, unknown> | null }, t: MediaWords = english): string | null {
  if (!isMediaKind(m.kind)) return null;
  return m.kind === "audio" && m.payload?.voice === true ? t("voice") : t(m.kind);
}

/** The file name a document carries, inbound or outbound. */
export function mediaFilename(c: MessageContent): string | null {
  if (!isMediaKind(c.kind)) return null;
  const p = c.payload as MediaPayload | null;
  // Payloads keep what Meta sent, and a malformed webhook may carry any JSON there (fuzzing found
  // `"filename": {}`): only a string is a file name.
  const name = [p?.filename, p?.document?.filename].find((f): f is string => typeof f === "string" && f.length > 0);
  return name ?? null;
}

const UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
/** A stored file, or a boarding pass we sent (drawn again from its booking for the agent). */
const OWN_MEDIA = new RegExp(`^(/api/media/${UUID_RE}|/api/bookings/${UUID_RE}/boarding-pass\\?leg=\\d{1,2}&passenger=\\d{1,2}&format=pdf(&locale=(en|it))?)$`, "i");

/** Only our own media endpoints are ever loaded: never a URL from a message. */
export function safeMediaUrl(payload: Record<string, unknown> | null): string | null {
  const url = payload?.mediaUrl;
  return typeof url === "string" && OWN_MEDIA.test(url) ? url : null;
}

/**
 * The inbox list's line for a message (stored as conversations.last_message_preview). Media get
 * their label ("📷 Photo", "📷 caption", "📄 file.pdf"), everything else its readable text.
 */
export function previewOf(c: MessageContent): string {
  if (isMediaKind(c.kind)) {
    const label = mediaLabel(c) ?? "";
    const icon = c.kind === "audio" && (c.payload as MediaPayload | null)?.voice === true ? "🎤" : MEDIA_EMOJI[c.kind];
    const full = icon ? `${icon} ${label}` : label;
    const caption = previewText(c.text);
    const filename = mediaFilename(c);
    const line = caption ? `${icon || label} ${caption}` : c.kind === "document" && filename ? `📄 ${previewText(filename)}` : full;
    return line.slice(0, 140);
  }
  const text = previewText(c.text);
  switch (c.kind) {
    case "reaction":
      return c.payload?.emoji ? `Reacted ${c.payload.emoji}` : "Removed a reaction";
    case "location":
      return text || "📍 Location";
    case "contacts":
      return text || "👤 Contact card";
    case "interactive":
      return text || "Interactive reply";
    case "button":
      return text || "Button reply";
    case "order":
      return text || "🛒 Order";
    case "system":
      return text || "System message";
    case "unsupported":
      return text || "Unsupported message";
    case "request_welcome":
      return "Opened the chat";
    case "note":
      return text || "Note";
    default:
      return text || "Message";
  }
}

/**
 * One line that stands for a message where it is quoted. Location, contacts, buttons and
 * orders already carry a readable `text` from ingest (e.g. "📍 Fiumicino"), so only media
 * and empty messages need a label of their own.
 */
export function messageSummary(m: { kind: string; text: string | null; payload: Record<string, unknown> | null }, t: MediaWords = english): string {
  const text = m.text?.replace(/\s+/g, " ").trim() || null;
  const media = mediaLabel(m, t);
  if (media) {
    const filename = m.kind === "document" ? mediaFilename(asContent(m)) : null;
    const name = filename ?? media;
    return text ? `${name}: ${text}` : name;
  }
  if (text) return text;
  if (m.kind === "unsupported") return t("unsupported");
  return t("message");
}

/** A Flow's answers (interactive nfm_reply), as field/value pairs in the order the customer gave them. */
export function flowAnswers(payload: Record<string, unknown> | null): { field: string; value: string }[] | null {
  const reply = (payload as InteractivePayload | null)?.nfm_reply;
  if (!reply?.response_json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.response_json);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return null;
  return Object.entries(parsed as Record<string, unknown>)
    .filter(([k]) => k !== "flow_token")
    .map(([k, v]) => ({ field: k.replace(/_/g, " "), value: typeof v === "string" ? v : JSON.stringify(v) }))
    .slice(0, 50);
}

/** The ad a customer came from (a click-to-WhatsApp `referral`). */
export type AdReferral = {
  headline: string | null;
  body: string | null;
  sourceType: string | null;
  sourceUrl: string | null;
  mediaUrl: string | null;
  mediaKind: "image" | "video" | null;
  clickId: string | null;
};

export function adReferral(payload: Record<string, unknown> | null): AdReferral | null {
  const r = payload?.referral;
  if (!r || typeof r !== "object" || Array.isArray(r)) return null;
  const o = r as Record<string, unknown>;
  const s = (k: string) => (typeof o[k] === "string" && o[k] ? (o[k] as string) : null);
  const https = (u: string | null) => (u && /^https:\/\//i.test(u) ? u : null);
  const image = https(s("image_url"));
  const video = https(s("video_url"));
  return {
    headline: s("headline"),
    body: s("body"),
    sourceType: s("source_type"),
    sourceUrl: https(s("source_url")),
    mediaUrl: image ?? video,
    mediaKind: image ? "image" : video ? "video" : null,
    clickId: s("ctwa_clid"),
  };
}

/** Why WhatsApp could not deliver a message to us (type `unsupported` with errors[]). */
export function unsupportedReason(payload: Record<string, unknown> | null): { type: string | null; details: string | null; code: number | null } {
  const p = payload ?? {};
  const inner = p.unsupported && typeof p.unsupported === "object" ? (p.unsupported as Record<string, unknown>) : {};
  const errors = Array.isArray(p.errors) ? (p.errors as Record<string, unknown>[]) : [];
  const first = errors[0] ?? {};
  const data = first.error_data && typeof first.error_data === "object" ? (first.error_data as Record<string, unknown>) : {};
  const type = typeof inner.type === "string" ? inner.type : typeof p.originalType === "string" ? p.originalType : null;
  const details = typeof data.details === "string" ? data.details : typeof first.title === "string" ? first.title : null;
  const code = typeof first.code === "number" ? first.code : typeof first.code === "string" && /^\d+$/.test(first.code) ? Number(first.code) : null;
  return { type, details, code };
}
