// What a message says, one typed union for every place that reads or writes it: storage
// (messages.kind/text/payload), the Cloud API body builder, the inbox preview, the thread renderer
// and quotes. Pure and client-safe. Send bookkeeping lives apart (messages.send_state), so a
// payload is content only. Later kinds (booking card, boarding pass, payment request) add a member
// here and the compiler lists every switch that must learn it.

export const MEDIA_KINDS = ["image", "video", "audio", "sticker", "document"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MESSAGE_KINDS = [
  "text", ...MEDIA_KINDS, "location", "contacts", "interactive", "button", "reaction", "order", "template", "system", "unsupported", "event",
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
  /** Always `/api/media/{mediaFileId}`: never a URL that came from outside. */
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
  interactive?: { type: "cta_url" | "button" | "list"; [key: string]: unknown };
};
export type ButtonPayload = InboundExtras & { text?: string; payload?: string };
export type ReactionPayload = { message_id?: string; emoji?: string };
export type OrderPayload = InboundExtras & { catalog_id?: string; text?: string; product_items?: { product_retailer_id?: string; quantity?: number | string; item_price?: number | string; currency?: string }[] };
/** The Cloud API template object, sent verbatim. */
export type TemplatePayload = { template: { name: string; language: { code: string }; components?: unknown[] } };
export type UnsupportedPayload = Record<string, unknown> & { originalType?: string };

/**
 * A timeline entry written by Sportello itself, as data: the client says it in the reader's
 * language. Names are kept as they were at the time (a teammate may be renamed or leave later).
 */
export type SystemEventPayload =
  | { action: "assigned"; by: string | null; byName?: string; from: string | null; to: string | null; toName?: string; auto?: boolean }
  | { action: "status_changed"; by: string | null; byName?: string; from: string; to: string }
  | { action: "team_changed"; by: string | null; byName?: string; from: string | null; to: string | null; toName?: string };

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

const MEDIA_LABELS: Record<MediaKind, string> = { image: "Photo", sticker: "Sticker", video: "Video", audio: "Audio", document: "Document" };
const MEDIA_EMOJI: Record<MediaKind, string> = { image: "📷", sticker: "", video: "🎥", audio: "🎵", document: "📄" };

/** "Photo", "Voice message"…, or null when the message is not media. */
export function mediaLabel(m: { kind: string; payload: Record<string, unknown> | null }): string | null {
  if (!isMediaKind(m.kind)) return null;
  return m.kind === "audio" && m.payload?.voice === true ? "Voice message" : MEDIA_LABELS[m.kind];
}

/** The file name a document carries, inbound or outbound. */
export function mediaFilename(c: MessageContent): string | null {
  if (!isMediaKind(c.kind)) return null;
  const p = c.payload as MediaPayload | null;
  return p?.filename || p?.document?.filename || null;
}

/** Only our own media endpoint is ever loaded: never a URL from a message. */
export function safeMediaUrl(payload: Record<string, unknown> | null): string | null {
  const url = payload?.mediaUrl;
  return typeof url === "string" && url.startsWith("/api/media/") ? url : null;
}

/**
 * The inbox list's line for a message (stored as conversations.last_message_preview). Media get
 * their label ("📷 Photo", "📷 caption", "📄 file.pdf"), everything else its readable text.
 */
export function previewOf(c: MessageContent): string {
  if (isMediaKind(c.kind)) {
    const label = mediaLabel(c) ?? "";
    const icon = c.kind === "audio" && label === "Voice message" ? "🎤" : MEDIA_EMOJI[c.kind];
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
    default:
      return text || "Message";
  }
}

/**
 * One line that stands for a message where it is quoted. Location, contacts, buttons and
 * orders already carry a readable `text` from ingest (e.g. "📍 Fiumicino"), so only media
 * and empty messages need a label of their own.
 */
export function messageSummary(m: { kind: string; text: string | null; payload: Record<string, unknown> | null }): string {
  const text = m.text?.replace(/\s+/g, " ").trim() || null;
  const media = mediaLabel(m);
  if (media) {
    const filename = m.kind === "document" ? mediaFilename(asContent(m)) : null;
    const name = filename ?? media;
    return text ? `${name}: ${text}` : name;
  }
  if (text) return text;
  if (m.kind === "unsupported") return "Unsupported message";
  return "Message";
}
