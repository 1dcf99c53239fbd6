import { z } from "zod";

// What the manager sends. The shape is checked here; WhatsApp's rules (lengths, parameters,
// buttons) by validate.ts, so a lead gets every rule broken at once, by path.

const teamIds = z.array(z.string().uuid("Unknown team.")).max(50).transform((ids) => [...new Set(ids)]);

export const createTemplateSchema = z.object({
  name: z.string().max(600),
  language: z.string().max(20),
  category: z.string().max(40),
  parameterFormat: z.string().max(20).default("POSITIONAL"),
  components: z.array(z.unknown()).max(10),
  teamIds: teamIds.default([]),
  /** The WhatsApp Business account; default: the workspace's (when it has exactly one). */
  wabaId: z.string().regex(/^\d{1,30}$/, "Not a WhatsApp Business account id.").optional(),
});
export type CreateTemplateInput = z.infer<typeof createTemplateSchema>;

/** An edit: new content goes back to Meta's review; teams alone are ours and change at once. */
export const updateTemplateSchema = z
  .object({
    category: z.string().max(40).optional(),
    components: z.array(z.unknown()).max(10).optional(),
    teamIds: teamIds.optional(),
  })
  .refine((v) => v.category !== undefined || v.components !== undefined || v.teamIds !== undefined, { message: "Nothing to change.", path: ["components"] });
export type UpdateTemplateInput = z.infer<typeof updateTemplateSchema>;
