import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/content/storable-text";

export const MAX_TEXT_LENGTH = 4096; // WhatsApp's limit for a text body

export const replySchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_TEXT_LENGTH, `A WhatsApp message can be at most ${MAX_TEXT_LENGTH} characters.`)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  replyToMessageId: z.string().uuid().optional(),
});
export type ReplyInput = z.infer<typeof replySchema>;

export const listMessagesSchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export type DeliveryStatus = "queued" | "sent" | "delivered" | "read" | "failed";

export const DELIVERY_LABELS: Record<DeliveryStatus, string> = {
  queued: "Queued — not sent to WhatsApp yet",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  failed: "Failed",
};

/** A template parameter as Meta accepts it: no line breaks or tabs, at most four spaces in a row. */
const templateParam = z
  .string()
  .trim()
  .min(1, "Fill in this field.")
  .max(200, "At most 200 characters.")
  .refine((v) => !/[\n\t]/.test(v) && !/ {5,}/.test(v), "No line breaks, tabs or long runs of spaces (WhatsApp refuses them).")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const templateReplySchema = z.object({
  name: z.string().min(1).max(512).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  language: z.string().min(2).max(15).regex(/^[A-Za-z_]+$/, "Not a language code."),
  params: z.array(templateParam).max(20).default([]),
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type TemplateReplyInput = z.infer<typeof templateReplySchema>;
