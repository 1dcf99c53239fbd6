import { apiRoute } from "@/lib/http/route";
import { describeMe } from "@/lib/users/me";

export const dynamic = "force-dynamic";

export const GET = apiRoute("conversation:read", async ({ actor, db }) => describeMe(db, actor));
