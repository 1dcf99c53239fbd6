import { z } from "zod";
import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { createNote } from "@/lib/messages/notes";
import { noteSchema } from "@/lib/messages/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

/** An internal note with @mentions: only the team sees it, WhatsApp never does. */
export const POST = apiRoute<{ id: string }>("conversation:note", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(noteSchema, await readJson(req));
  const result = await createNote(db, { actor, conversationId: id, input });
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
