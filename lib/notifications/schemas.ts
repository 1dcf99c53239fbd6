import { z } from "zod";

export const NOTIFICATION_KINDS = ["assigned", "mention"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const listNotificationsSchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type ListNotificationsInput = z.infer<typeof listNotificationsSchema>;

/** `{ ids }` marks those (at most 100 at a time), `{ all: true }` every unread one. */
export const markReadSchema = z.union([
  z.object({ ids: z.array(z.uuid("Not a notification id.")).min(1, "Name at least one notification.").max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MarkReadInput = z.infer<typeof markReadSchema>;
