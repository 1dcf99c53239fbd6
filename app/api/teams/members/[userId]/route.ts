import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { setMemberCapacity } from "@/lib/assignment/team-admin";
import { updateMemberSchema, userIdParam } from "@/lib/assignment/schemas";

export const dynamic = "force-dynamic";

export const PATCH = apiRoute<{ userId: string }>("team:manage", async ({ actor, db, params, req }) => {
  const { userId } = parseWith(userIdParam, params);
  const { capacity } = parseWith(updateMemberSchema, await readJson(req));
  return setMemberCapacity(db, actor, { userId, capacity });
});
