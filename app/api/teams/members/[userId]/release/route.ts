import { apiRoute, parseWith } from "@/lib/http/route";
import { releaseToQueue } from "@/lib/assignment/team-admin";
import { userIdParam } from "@/lib/assignment/schemas";

export const dynamic = "force-dynamic";

// Hands every conversation the teammate holds back to its team's queue, for the others to take.
export const POST = apiRoute<{ userId: string }>("team:manage", async ({ actor, db, params }) => {
  const { userId } = parseWith(userIdParam, params);
  return releaseToQueue(db, actor, { userId });
});
