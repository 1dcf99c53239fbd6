import { z } from "zod";
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from "@/lib/content/storable-text";

/** A number's settings an admin edits. The welcome reply is a WhatsApp text message: 4,096 characters at most. */
export const updateChannelSchema = z.object({
  welcomeMessage: z.string().max(4096, "At most 4,096 characters (WhatsApp's limit for a text message).").refine(isStorableText, UNSTORABLE_TEXT_MESSAGE).nullable(),
});
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;
