import { apiRoute } from "@/lib/http/route";
import { countViews } from "@/lib/conversations/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:read", async ({ actor, db }) => countViews(db, actor.workspaceId, actor.userId));
