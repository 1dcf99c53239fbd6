import type { SnippetDraft, SnippetView } from "@/lib/client/use-snippets";

// The snippet editor's state and the API's rules (lib/snippets/schemas.ts), checked as the lead
// types so the messages come in their language; the server checks the same again.

export const SNIPPET_LIMITS = { title: 80, body: 4096 } as const;
export const SHORTCUT_RE = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export type SnippetField = "shortcut" | "title" | "language" | "body";
export type SnippetRule = "shortcutRequired" | "shortcutFormat" | "titleRequired" | "titleTooLong" | "bodyRequired" | "bodyTooLong";

export const EMPTY_SNIPPET: SnippetDraft = { shortcut: "", title: "", language: null, body: "" };

export const draftOf = (s: SnippetView | null): SnippetDraft => (s ? { shortcut: s.shortcut, title: s.title, language: s.language, body: s.body } : EMPTY_SNIPPET);

/** What a typed shortcut becomes: no leading `/`, lowercase, spaces as `-` (what the agent will type). */
export const normalizeShortcut = (raw: string) => raw.replace(/^\/+/, "").toLowerCase().replace(/\s+/g, "-");

/** The first rule each field breaks, keyed by field. */
export function snippetIssues(d: SnippetDraft): Partial<Record<SnippetField, { rule: SnippetRule; max?: number }>> {
  const out: Partial<Record<SnippetField, { rule: SnippetRule; max?: number }>> = {};
  const shortcut = d.shortcut.trim();
  if (!shortcut) out.shortcut = { rule: "shortcutRequired" };
  else if (!SHORTCUT_RE.test(shortcut)) out.shortcut = { rule: "shortcutFormat" };
  const title = d.title.trim();
  if (!title) out.title = { rule: "titleRequired" };
  else if (title.length > SNIPPET_LIMITS.title) out.title = { rule: "titleTooLong", max: SNIPPET_LIMITS.title };
  const body = d.body.trim();
  if (!body) out.body = { rule: "bodyRequired" };
  else if (body.length > SNIPPET_LIMITS.body) out.body = { rule: "bodyTooLong", max: SNIPPET_LIMITS.body };
  return out;
}

/** Only what changed, for a PATCH (the API refuses an empty one). */
export function changedFields(before: SnippetDraft, after: SnippetDraft): Partial<SnippetDraft> {
  const out: Partial<SnippetDraft> = {};
  for (const k of ["shortcut", "title", "language", "body"] as const) if (before[k] !== after[k]) (out as Record<string, unknown>)[k] = after[k];
  return out;
}

/** The line a list shows of a body: its first non-empty line. */
export const firstLine = (body: string) => body.split("\n").find((l) => l.trim())?.trim() ?? "";
