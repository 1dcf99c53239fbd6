import { apiRoute } from "@/lib/http/route";
import { findTeammates } from "@/lib/users/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute("user:read", async ({ actor, db }) => ({ items: await findTeammates(db, actor.workspaceId) }));
