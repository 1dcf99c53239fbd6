import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { listConversationsSchema } from "@/lib/conversations/schemas";
import { findConversations } from "@/lib/conversations/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:read", async ({ actor, db, req }) => {
  const input = parseWith(listConversationsSchema, searchParamsOf(req));
  return findConversations(db, actor.workspaceId, actor.userId, input);
});
