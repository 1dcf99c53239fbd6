import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { bulkUpdateSchema } from "@/lib/assignment/schemas";
import { bulkUpdateAndAskRating } from "@/lib/messages/csat-request";

export const dynamic = "force-dynamic";

// Everyone may ask; each conversation is then held to the rules of a single PATCH (per-id results).
// A bulk resolve asks for ratings like a single one (when the workspace has CSAT on).
export const POST = apiRoute("conversation:update", async ({ actor, db, req }) => {
  const input = parseWith(bulkUpdateSchema, await readJson(req));
  return bulkUpdateAndAskRating(db, actor, input);
});
