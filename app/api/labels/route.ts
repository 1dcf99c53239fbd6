import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { createLabelSchema } from "@/lib/labels/schemas";
import { createLabel, listLabels } from "@/lib/labels/labels";

export const dynamic = "force-dynamic";

// Everyone who may apply labels may list them; leads and admins manage the set.
export const GET = apiRoute("label:apply", async ({ actor, db }) => listLabels(db, { workspaceId: actor.workspaceId }));

export const POST = apiRoute("label:manage", async ({ actor, db, req }) => createLabel(db, { actor, input: parseWith(createLabelSchema, await readJson(req)) }), { status: 201 });
