import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/content/storable-text";

export const MAX_TEXT_LENGTH = 4096; // WhatsApp's limit for a text body

/**
 * The send-time guard: the newest message the agent had in view when they started writing (its
 * id, or a time), and whether they chose to send anyway after being told what changed since.
 */
export const seenUpToSchema = z.union([z.uuid(), z.iso.datetime({ offset: true })], { error: "A message id or a time." }).optional();
const guardFields = { seenUpTo: seenUpToSchema, force: z.boolean().optional() };

export const replySchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Write a message first.")
    .max(MAX_TEXT_LENGTH, `A WhatsApp message can be at most ${MAX_TEXT_LENGTH} characters.`)
    .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  replyToMessageId: z.string().uuid().optional(),
  ...guardFields,
});
export type ReplyInput = z.infer<typeof replySchema>;

/** An internal note: the words, and the teammates it @mentions by id (the text holds "@Name"). */
export const noteSchema = z.object({
  text: replySchema.shape.text,
  clientMessageId: replySchema.shape.clientMessageId,
  mentions: z.array(z.uuid("Not a teammate id.")).max(20, "Mention at most 20 teammates.").default([]),
});
export type NoteInput = z.infer<typeof noteSchema>;

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

/**
 * One value of a template send, as the composer fills it (lib/templates/model.ts ParamValue), plus a
 * boarding pass the server builds from the booking. Emptiness and Meta's text rules are checked by
 * the send against the template's own parameters, so the answer names the parameter.
 */
const shortText = (max: number) => z.string().max(max, `At most ${max} characters.`).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
export const templateValueSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: shortText(1024) }),
  z.object({ type: z.literal("currency"), code: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, such as EUR."), amount1000: z.number().int().min(0).max(1e15), fallback: shortText(200) }),
  z.object({ type: z.literal("date_time"), fallback: shortText(200) }),
  z.object({
    type: z.literal("media"),
    link: z.url({ protocol: /^https?$/, error: "An http(s) link." }).max(2048).optional(),
    mediaId: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/).optional(),
    filename: shortText(240).optional(),
  }),
  z.object({ type: z.literal("boarding_pass"), leg: z.number().int().min(0).max(9), passenger: z.number().int().min(0).max(9) }),
]);
export type TemplateValueInput = z.infer<typeof templateValueSchema>;

export const templateReplySchema = z.object({
  templateId: z.uuid("Pick a template."),
  values: z
    .record(z.string().max(120).regex(/^(header|body|button):[A-Za-z0-9_:]+$/, "Not a parameter id."), templateValueSchema)
    .refine((v) => Object.keys(v).length <= 60, "Too many values.")
    .default({}),
  bookingId: z.uuid().optional(),
  clientMessageId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  ...guardFields,
});
export type TemplateReplyInput = z.infer<typeof templateReplySchema>;
