import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { searchSchema } from "@/lib/search/schemas";
import { searchConversations } from "@/lib/search/search";

export const dynamic = "force-dynamic";

export const GET = apiRoute("search:read", async ({ actor, db, req }) =>
  searchConversations(db, { workspaceId: actor.workspaceId, userId: actor.userId, input: parseWith(searchSchema, searchParamsOf(req)) }),
);
