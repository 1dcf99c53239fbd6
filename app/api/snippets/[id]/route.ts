import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateSnippetSchema } from "@/lib/snippets/schemas";
import { deleteSnippet, updateSnippet } from "@/lib/snippets/snippets";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a snippet id.") });

export const PATCH = apiRoute<{ id: string }>("snippet:manage", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  return updateSnippet(db, actor, id, parseWith(updateSnippetSchema, await readJson(req)));
});

export const DELETE = apiRoute<{ id: string }>("snippet:manage", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  await deleteSnippet(db, actor, id);
  return { ok: true };
});
