import { apiRoute } from "@/lib/http/route";
import { getTeamView } from "@/lib/assignment/team-view";

export const dynamic = "force-dynamic";

// The lead's view of everyone's load (team:read lists teams for all; this view is for leads).
export const GET = apiRoute("team:manage", async ({ actor, db }) => getTeamView(db, actor.workspaceId));
