import "server-only";
import { conversationIdParam } from "@/lib/conversations/read-routes";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import { findMessages } from "./queries";
import { listMessagesSchema } from "./schemas";

/** GET /api/conversations/:id/messages: a thread's page of messages (served as the inbox's reads are). */
export const threadMessagesRead = defineReadRoute<{ id: string }>({
  action: "conversation:read",
  run: ({ actor, db, params, query }) => findMessages(db, actor.workspaceId, parseWith(conversationIdParam, params).id, parseWith(listMessagesSchema, query)),
});
