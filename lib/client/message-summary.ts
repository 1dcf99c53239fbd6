// The thread and quotes speak of messages in the reader's language: the one summary rule of
// lib/content, with the `media` catalog's words.
export { mediaLabel, messageSummary, type MediaWords } from "@/lib/content/message-content";
