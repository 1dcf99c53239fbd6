import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { bulkUpdateConversations } from "@/lib/assignment/update";
import { bulkUpdateSchema } from "@/lib/assignment/schemas";

export const dynamic = "force-dynamic";

// Everyone may ask; each conversation is then held to the rules of a single PATCH (per-id results).
export const POST = apiRoute("conversation:update", async ({ actor, db, req }) => {
  const input = parseWith(bulkUpdateSchema, await readJson(req));
  return bulkUpdateConversations(db, actor, input);
});
