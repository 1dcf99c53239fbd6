import { apiRoute, parseWith, readJson, searchParamsOf } from "@/lib/http/route";
import { createSnippetSchema, listSnippetsQuery } from "@/lib/snippets/schemas";
import { createSnippet, listSnippets } from "@/lib/snippets/snippets";

export const dynamic = "force-dynamic";

/** Canned replies, by shortcut; `?q=` searches shortcut, title and body, `?language=` keeps that language's and the universal ones. */
export const GET = apiRoute("snippet:read", async ({ actor, db, req }) => {
  const q = parseWith(listSnippetsQuery, searchParamsOf(req));
  return { items: await listSnippets(db, { workspaceId: actor.workspaceId, ...q }) };
});

export const POST = apiRoute(
  "snippet:manage",
  async ({ actor, db, req }) => createSnippet(db, actor, parseWith(createSnippetSchema, await readJson(req))),
  { status: 201 },
);
