import type { MessageDto } from "./types";

const MEDIA_KINDS = ["image", "sticker", "video", "audio", "document"] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

/** The `media` catalog namespace (next-intl's translator, or createTranslator's in tests). */
export type MediaWords = (key: MediaKind | "voice" | "unsupported" | "message") => string;

const isMediaKind = (kind: string): kind is MediaKind => (MEDIA_KINDS as readonly string[]).includes(kind);

/** "Photo", "Voice message"…, or null when the message is not media. */
export function mediaLabel(m: Pick<MessageDto, "kind" | "payload">, t: MediaWords): string | null {
  if (!isMediaKind(m.kind)) return null;
  return m.kind === "audio" && m.payload?.voice === true ? t("voice") : t(m.kind);
}

/**
 * One line that stands for a message where it is quoted. Location, contacts, buttons and
 * orders already carry a readable `text` from ingest (e.g. "📍 Fiumicino"), so only media
 * and empty messages need a label of their own.
 */
export function messageSummary(m: Pick<MessageDto, "kind" | "payload" | "text">, t: MediaWords): string {
  const text = m.text?.replace(/\s+/g, " ").trim() || null;
  const media = mediaLabel(m, t);
  if (media) {
    const filename = m.kind === "document" && typeof m.payload?.filename === "string" ? m.payload.filename : null;
    const name = filename ?? media;
    return text ? `${name}: ${text}` : name;
  }
  if (text) return text;
  if (m.kind === "unsupported") return t("unsupported");
  return t("message");
}
