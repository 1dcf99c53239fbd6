import { z } from "zod";
import { CONVERSATION_STATUSES } from "@/lib/conversations/schemas";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date as YYYY-MM-DD.").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a date.");

/** `GET /api/search`: the words, then the same filters as the inbox views, and a date range. */
export const searchSchema = z
  .object({
    q: z.string().trim().min(2, "Type at least two characters.").max(200, "At most 200 characters."),
    status: z.enum(CONVERSATION_STATUSES).optional(),
    assignee: z.union([z.literal("me"), z.literal("none"), z.uuid("Not a teammate id.")]).optional(),
    team: z.uuid("Not a team id.").optional(),
    label: z.uuid("Not a label id.").optional(),
    from: day.optional(),
    to: day.optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
  });
export type SearchInput = z.infer<typeof searchSchema>;
