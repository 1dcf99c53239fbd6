import { z } from "zod";
import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson, searchParamsOf } from "@/lib/http/route";
import { findMessages } from "@/lib/messages/queries";
import { createReply } from "@/lib/messages/reply";
import { listMessagesSchema, replySchema } from "@/lib/messages/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

export const GET = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  return findMessages(db, actor.workspaceId, id, parseWith(listMessagesSchema, searchParamsOf(req)));
});

export const POST = apiRoute<{ id: string }>("conversation:reply", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(replySchema, await readJson(req));
  const result = await createReply(db, actor, id, input);
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
