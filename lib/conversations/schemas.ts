import { z } from "zod";

// Shared by route handlers and client forms: the one definition of what a valid input is.
export const CONVERSATION_STATUSES = ["open", "pending", "snoozed", "resolved"] as const;
export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];

export const VIEWS = ["mine", "unassigned", "all"] as const;
export type View = (typeof VIEWS)[number];

export const listConversationsSchema = z.object({
  view: z.enum(VIEWS).default("all"),
  // Without a status, a view lists the active conversations (open and pending).
  status: z.enum(CONVERSATION_STATUSES).optional(),
  assignee: z.union([z.literal("me"), z.literal("none"), z.string().uuid()]).optional(),
  team: z.string().uuid().optional(),
  label: z.string().uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(40),
});
export type ListConversationsInput = z.infer<typeof listConversationsSchema>;

export const updateConversationSchema = z
  .object({
    status: z.enum(CONVERSATION_STATUSES).optional(),
    priority: z.enum(PRIORITIES).optional(),
    assigneeId: z.string().uuid().nullable().optional(),
    teamId: z.string().uuid().nullable().optional(),
    // A year ahead at most: far-future dates are a typo, and beyond ±275,760 years not a date at all.
    snoozedUntil: z.coerce
      .date({ message: "Not a date." })
      .refine((d) => d.getTime() <= Date.now() + 366 * 24 * 3_600_000, "Snooze for at most a year.")
      .optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "Nothing to change." })
  .superRefine((v, ctx) => {
    if (v.status === "snoozed") {
      if (!v.snoozedUntil) ctx.addIssue({ code: "custom", path: ["snoozedUntil"], message: "Choose when the conversation should wake up." });
      else if (v.snoozedUntil.getTime() <= Date.now()) ctx.addIssue({ code: "custom", path: ["snoozedUntil"], message: "The wake-up time must be in the future." });
    }
  });
export type UpdateConversationInput = z.infer<typeof updateConversationSchema>;

export const STATUS_LABELS: Record<ConversationStatus, string> = {
  open: "Open",
  pending: "Pending",
  snoozed: "Snoozed",
  resolved: "Resolved",
};
