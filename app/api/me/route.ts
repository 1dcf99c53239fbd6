import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { describeMe } from "@/lib/users/me";
import { updateLocaleSchema } from "@/lib/users/schemas";
import { updateUserLocale } from "@/lib/users/locale";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:read", async ({ actor, db }) => describeMe(db, actor));

export const PATCH = apiRoute("profile:update", async ({ actor, db, req }) => {
  const { locale } = parseWith(updateLocaleSchema, await readJson(req));
  return updateUserLocale(db, { workspaceId: actor.workspaceId, userId: actor.userId, locale });
});
