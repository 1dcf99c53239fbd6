import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateLabelSchema } from "@/lib/labels/schemas";
import { deleteLabel, updateLabel } from "@/lib/labels/labels";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a label id.") });

export const PATCH = apiRoute<{ id: string }>("label:manage", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  return updateLabel(db, { actor, id, input: parseWith(updateLabelSchema, await readJson(req)) });
});

export const DELETE = apiRoute<{ id: string }>("label:manage", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return deleteLabel(db, { actor, id });
});
