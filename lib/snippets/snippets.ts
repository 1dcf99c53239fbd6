import "server-only";
import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import { snippets } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { snippetErrors } from "./errors";
import type { CreateSnippetInput, SnippetView, UpdateSnippetInput } from "./schemas";

type Row = typeof snippets.$inferSelect;

function toView(r: Row): SnippetView {
  return { id: r.id, shortcut: r.shortcut, title: r.title, body: r.body, language: r.language as SnippetView["language"], updatedAt: r.updatedAt.toISOString() };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The workspace's snippets by shortcut. `q` matches the shortcut's start, or the title or body;
 * `language` keeps those in that language and those for any language.
 */
export async function listSnippets(db: Db, { workspaceId, q, language }: { workspaceId: string; q?: string; language?: string }): Promise<SnippetView[]> {
  const term = q?.replace(/^\//, "").trim();
  const rows = await db
    .select()
    .from(snippets)
    .where(
      and(
        eq(snippets.workspaceId, workspaceId),
        language ? or(eq(snippets.language, language), isNull(snippets.language)) : undefined,
        term ? or(ilike(snippets.shortcut, `${escapeLike(term)}%`), ilike(snippets.title, `%${escapeLike(term)}%`), ilike(snippets.body, `%${escapeLike(term)}%`)) : undefined,
      ),
    )
    .orderBy(asc(snippets.shortcut))
    .limit(500);
  return rows.map(toView);
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
};

export async function createSnippet(db: Db, actor: Actor, input: CreateSnippetInput): Promise<SnippetView> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(snippets).values({ workspaceId: actor.workspaceId, ...input, createdBy: actor.userId }).returning();
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "snippet.created", data: { snippetId: row!.id, shortcut: input.shortcut } });
      return toView(row!);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw snippetErrors.duplicate(input.shortcut);
    throw err;
  }
}

export async function updateSnippet(db: Db, actor: Actor, snippetId: string, input: UpdateSnippetInput): Promise<SnippetView> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(snippets)
        .set({ ...input, updatedAt: sql`now()` })
        .where(and(eq(snippets.workspaceId, actor.workspaceId), eq(snippets.id, snippetId)))
        .returning();
      if (!row) throw snippetErrors.notFound();
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "snippet.updated", data: { snippetId } });
      return toView(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw snippetErrors.duplicate(input.shortcut ?? "");
    throw err;
  }
}

export async function deleteSnippet(db: Db, actor: Actor, snippetId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.delete(snippets).where(and(eq(snippets.workspaceId, actor.workspaceId), eq(snippets.id, snippetId))).returning({ shortcut: snippets.shortcut });
    if (!row) throw snippetErrors.notFound();
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "snippet.deleted", data: { snippetId, shortcut: row.shortcut } });
  });
}
