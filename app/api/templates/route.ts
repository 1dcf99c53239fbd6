import { z } from "zod";
import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { listTemplatesFor } from "@/lib/templates/repository";

export const dynamic = "force-dynamic";

const listQuery = z.object({ all: z.enum(["0", "1", "true", "false"]).optional() });

/** The templates this user may send; `?all=1` (leads and admins): every template, for the manager. */
export const GET = apiRoute("template:read", async ({ actor, db, req }) => {
  const q = parseWith(listQuery, searchParamsOf(req));
  return { items: await listTemplatesFor(db, actor, { all: q.all === "1" || q.all === "true" }) };
});
