import { z } from "zod";
import { CONVERSATION_STATUSES } from "@/lib/conversations/schemas";

export const AVAILABILITIES = ["online", "away", "offline"] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/** Statuses a bulk change may set (snoozing needs a time per conversation: one at a time). */
export const BULK_STATUSES = CONVERSATION_STATUSES.filter((s) => s !== "snoozed") as ["open", "pending", "resolved"];

/** POST /api/conversations/bulk: the same change to up to 100 conversations. */
export const bulkUpdateSchema = z
  .object({
    ids: z
      .array(z.string().uuid("Not a conversation id."))
      .min(1, "Choose at least one conversation.")
      .max(100, "At most 100 conversations at once.")
      .refine((ids) => new Set(ids).size === ids.length, "Each conversation once."),
    assigneeId: z.string().uuid().nullable().optional(),
    teamId: z.string().uuid().nullable().optional(),
    status: z.enum(BULK_STATUSES).optional(),
  })
  .strict()
  .refine((v) => v.assigneeId !== undefined || v.teamId !== undefined || v.status !== undefined, { message: "Nothing to change." });
export type BulkUpdateInput = z.infer<typeof bulkUpdateSchema>;

/** PUT /api/me/availability */
export const availabilitySchema = z.object({ availability: z.enum(AVAILABILITIES) }).strict();

/** PATCH /api/teams/:id */
export const updateTeamSchema = z.object({ autoAssign: z.boolean() }).strict();

/** PATCH /api/teams/members/:userId */
export const updateMemberSchema = z.object({ capacity: z.number().int("A whole number.").min(0, "At least 0.").max(50, "At most 50.") }).strict();

export const teamIdParam = z.object({ id: z.string().uuid("Not a team id.") });
export const userIdParam = z.object({ userId: z.string().uuid("Not a user id.") });
