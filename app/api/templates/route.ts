import { z } from "zod";
import { apiRoute, parseWith, readJson, searchParamsOf } from "@/lib/http/route";
import { configuredTemplateGraph } from "@/lib/templates/graph";
import { createTemplate } from "@/lib/templates/manage";
import { listTemplatesFor } from "@/lib/templates/repository";
import { createTemplateSchema } from "@/lib/templates/schemas";

export const dynamic = "force-dynamic";

const listQuery = z.object({ all: z.enum(["0", "1", "true", "false"]).optional() });

/** The templates this user may send; `?all=1` (leads and admins): every template, for the manager. */
export const GET = apiRoute("template:read", async ({ actor, db, req }) => {
  const q = parseWith(listQuery, searchParamsOf(req));
  return { items: await listTemplatesFor(db, actor, { all: q.all === "1" || q.all === "true" }) };
});

/** A new template, checked by WhatsApp's rules and submitted to Meta: 201 with its status (PENDING until reviewed). */
export const POST = apiRoute(
  "template:manage",
  async ({ actor, db, req }) => {
    const input = parseWith(createTemplateSchema, await readJson(req));
    return createTemplate(db, actor, input, configuredTemplateGraph());
  },
  { status: 201 },
);
