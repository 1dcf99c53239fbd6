import type { MessageDto } from "./types";

const MEDIA_LABELS: Record<string, string> = {
  image: "Photo",
  sticker: "Sticker",
  video: "Video",
  audio: "Audio",
  document: "Document",
};

/** "Photo", "Voice message"…, or null when the message is not media. */
export function mediaLabel(m: Pick<MessageDto, "kind" | "payload">): string | null {
  const label = MEDIA_LABELS[m.kind];
  if (!label) return null;
  return m.kind === "audio" && m.payload?.voice === true ? "Voice message" : label;
}

/**
 * One line that stands for a message where it is quoted. Location, contacts, buttons and
 * orders already carry a readable `text` from ingest (e.g. "📍 Fiumicino"), so only media
 * and empty messages need a label of their own.
 */
export function messageSummary(m: Pick<MessageDto, "kind" | "payload" | "text">): string {
  const text = m.text?.replace(/\s+/g, " ").trim() || null;
  const media = mediaLabel(m);
  if (media) {
    const filename = m.kind === "document" && typeof m.payload?.filename === "string" ? m.payload.filename : null;
    const name = filename ?? media;
    return text ? `${name}: ${text}` : name;
  }
  if (text) return text;
  if (m.kind === "unsupported") return "Unsupported message";
  return "Message";
}
