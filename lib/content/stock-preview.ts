// The fixed lines a conversation's preview can hold (previewOf, a deletion): kept apart from
// message-content.ts so the inbox list can say them in the reader's language without loading the
// rest of the content model.

/** The inbox line of a message the customer deleted (stored like every preview, said in the reader's language). */
export const DELETED_PREVIEW = "🚫 Message deleted";

// The fixed English lines previewOf (and a deletion) store as a conversation's preview, by their
// key in the `preview` catalog: the list says them in the reader's language. Text the customer
// wrote is never one of them (it is shown as it is).
const STOCK_PREVIEWS: Record<string, StockPreviewKey> = {
  [DELETED_PREVIEW]: "deleted",
  "Opened the chat": "openedChat",
  "Unsupported message": "unsupported",
  "System message": "system",
  "Removed a reaction": "reactionRemoved",
  "🛒 Order": "order",
  "Interactive reply": "interactive",
  "Button reply": "button",
  "📍 Location": "location",
  "👤 Contact card": "contactCard",
  "Form submitted": "formSubmitted",
  Message: "message",
  "📷 Photo": "photo",
  "🎥 Video": "video",
  "🎵 Audio": "audio",
  "🎤 Voice message": "voice",
  "📄 Document": "document",
  Sticker: "sticker",
};
export type StockPreviewKey =
  | "deleted" | "openedChat" | "unsupported" | "system" | "reactionRemoved" | "reacted" | "order" | "interactive" | "button"
  | "location" | "contactCard" | "formSubmitted" | "message" | "photo" | "video" | "audio" | "voice" | "document" | "sticker";

/** A stored preview that is one of our fixed lines: its catalog key (and values), else null. */
export function stockPreview(line: string): { key: StockPreviewKey; values?: { emoji: string } } | null {
  const key = STOCK_PREVIEWS[line];
  if (key) return { key };
  const reacted = /^Reacted (\S+)$/u.exec(line);
  return reacted ? { key: "reacted", values: { emoji: reacted[1]! } } : null;
}
