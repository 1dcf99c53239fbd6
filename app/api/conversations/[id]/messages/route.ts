import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { nextReadRoute } from "@/lib/http/read-route";
import { conversationIdParam as idParam } from "@/lib/conversations/read-routes";
import { threadMessagesRead } from "@/lib/messages/read-routes";
import { createReply } from "@/lib/messages/reply";
import { replySchema } from "@/lib/messages/schemas";

export const dynamic = "force-dynamic";

// Also served by server.mjs's lean path (lib/background/start.ts): one definition, two servers.
export const GET = nextReadRoute(threadMessagesRead);

export const POST = apiRoute<{ id: string }>("conversation:reply", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(replySchema, await readJson(req));
  const result = await createReply(db, actor, id, input);
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
