import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/content/storable-text";

/** The design system's label hues (components/labels/label-chip.tsx maps each to tokens). */
export const LABEL_COLORS = ["slate", "blue", "green", "amber", "red", "violet", "pink", "teal"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

const name = z
  .string()
  .trim()
  .min(1, "Give the label a name.")
  .max(40, "At most 40 characters.")
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const createLabelSchema = z.object({ name, color: z.enum(LABEL_COLORS, "Pick one of the label colours.").default("slate") }).strict();
export type CreateLabelInput = z.infer<typeof createLabelSchema>;

export const updateLabelSchema = z
  .object({ name: name.optional(), color: z.enum(LABEL_COLORS, "Pick one of the label colours.").optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.color !== undefined, { message: "Nothing to change." });
export type UpdateLabelInput = z.infer<typeof updateLabelSchema>;

/** The labels a conversation should carry from now on (a set: order and duplicates don't matter). */
export const setConversationLabelsSchema = z
  .object({ labelIds: z.array(z.uuid("Not a label id.")).max(20, "At most 20 labels on a conversation.") })
  .strict();
export type SetConversationLabelsInput = z.infer<typeof setConversationLabelsSchema>;
