import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { nextReadRoute } from "@/lib/http/read-route";
import { getConversation } from "@/lib/conversations/queries";
import { conversationDetailRead, conversationIdParam as idParam } from "@/lib/conversations/read-routes";
import { updateConversationAndAskRating } from "@/lib/messages/csat-request";
import { updateConversationSchema } from "@/lib/conversations/schemas";

export const dynamic = "force-dynamic";

// Also served by server.mjs's lean path (lib/background/start.ts): one definition, two servers.
export const GET = nextReadRoute(conversationDetailRead);

export const PATCH = apiRoute<{ id: string }>("conversation:update", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(updateConversationSchema, await readJson(req));
  await updateConversationAndAskRating(db, actor, id, input);
  return getConversation(db, actor.workspaceId, id);
});
