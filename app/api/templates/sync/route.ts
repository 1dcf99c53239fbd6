import { apiRoute } from "@/lib/http/route";
import { configuredTemplateGraph } from "@/lib/templates/graph";
import { syncTemplates } from "@/lib/templates/sync";

export const dynamic = "force-dynamic";

/** Reads every template of the workspace's WhatsApp Business accounts from Meta now. */
export const POST = apiRoute("template:manage", async ({ actor, db }) => syncTemplates(db, { workspaceId: actor.workspaceId, graph: configuredTemplateGraph() }));
