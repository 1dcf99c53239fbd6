import { apiRoute } from "@/lib/http/route";
import { findTeams } from "@/lib/users/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute("team:read", async ({ actor, db }) => ({ items: await findTeams(db, actor.workspaceId) }));
