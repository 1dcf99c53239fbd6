import { z } from "zod";

// Canned free-text replies for inside the 24-hour window, typed as `/shortcut` in the composer.

export const SNIPPET_LANGUAGES = ["en", "it"] as const;
const shortcut = z
  .string()
  .trim()
  .transform((s) => s.replace(/^\//, "").toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, "Use up to 32 lowercase letters, digits, - or _."));
const title = z.string().trim().min(1, "Give it a title.").max(80, "At most 80 characters.");
// A snippet is sent as a text message: WhatsApp's limit for a text body.
const body = z.string().trim().min(1, "Write the reply.").max(4096, "At most 4,096 characters.");
const language = z.enum(SNIPPET_LANGUAGES).nullable();

export const createSnippetSchema = z.object({ shortcut, title, body, language: language.default(null) });
export type CreateSnippetInput = z.infer<typeof createSnippetSchema>;

export const updateSnippetSchema = z
  .object({ shortcut: shortcut.optional(), title: title.optional(), body: body.optional(), language: language.optional() })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: "Nothing to change.", path: ["body"] });
export type UpdateSnippetInput = z.infer<typeof updateSnippetSchema>;

export const listSnippetsQuery = z.object({
  q: z.string().trim().max(100).optional(),
  language: z.enum(SNIPPET_LANGUAGES).optional(),
});

/** A snippet as the API returns it. */
export type SnippetView = { id: string; shortcut: string; title: string; body: string; language: (typeof SNIPPET_LANGUAGES)[number] | null; updatedAt: string };
