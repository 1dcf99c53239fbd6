import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { configuredTemplateGraph } from "@/lib/templates/graph";
import { updateTemplate } from "@/lib/templates/manage";
import { getTemplateDetail } from "@/lib/templates/repository";
import { updateTemplateSchema } from "@/lib/templates/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a template id.") });

/** One template with its history (status, quality and category changes), newest first. */
export const GET = apiRoute<{ id: string }>("template:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return getTemplateDetail(db, { workspaceId: actor.workspaceId, templateId: id });
});

/** Edits a template: new content is resubmitted to Meta (PENDING again); teams change at once. */
export const PATCH = apiRoute<{ id: string }>("template:manage", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(updateTemplateSchema, await readJson(req));
  return updateTemplate(db, actor, id, input, configuredTemplateGraph());
});
