import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { setTeamAutoAssign } from "@/lib/assignment/team-admin";
import { teamIdParam, updateTeamSchema } from "@/lib/assignment/schemas";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ id: string }>("team:manage", async ({ actor, db, params, req }) => {
  const { id } = parseWith(teamIdParam, params);
  const { autoAssign } = parseWith(updateTeamSchema, await readJson(req));
  return setTeamAutoAssign(db, actor, { teamId: id, autoAssign });
});
