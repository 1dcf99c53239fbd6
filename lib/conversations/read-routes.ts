import "server-only";
import { z } from "zod";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import { findConversations, getConversation } from "./queries";
import { countViews } from "./view-counts";
import { listConversationsSchema } from "./schemas";

// The inbox's reads, served by their route files and by server.mjs's lean path (lib/http/read-route.ts).

export const conversationIdParam = z.object({ id: z.string().uuid("Not a conversation id.") });

/** GET /api/conversations: a view's page (keyset), filtered and searched. */
export const listConversationsRead = defineReadRoute({
  action: "conversation:read",
  run: ({ actor, db, query }) => findConversations(db, actor.workspaceId, actor.userId, parseWith(listConversationsSchema, query)),
});

/** GET /api/conversations/counts: the sidebar's view counts. */
export const conversationCountsRead = defineReadRoute({
  action: "conversation:read",
  run: ({ actor, db }) => countViews(db, actor.workspaceId, actor.userId),
});

/** GET /api/conversations/:id: the thread header and contact panel. */
export const conversationDetailRead = defineReadRoute<{ id: string }>({
  action: "conversation:read",
  run: ({ actor, db, params }) => getConversation(db, actor.workspaceId, parseWith(conversationIdParam, params).id),
});
