import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { getTemplateDetail } from "@/lib/templates/repository";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a template id.") });

/** One template with its history (status, quality and category changes), newest first. */
export const GET = apiRoute<{ id: string }>("template:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return getTemplateDetail(db, { workspaceId: actor.workspaceId, templateId: id });
});
