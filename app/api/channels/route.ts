import { apiRoute } from "@/lib/http/route";
import { findChannels } from "@/lib/channels/channels";
import { describeWhatsAppConnection } from "@/lib/env";

export const dynamic = "force-dynamic";

export const GET = apiRoute("settings:read", async ({ actor, db }) => ({
  items: await findChannels(db, actor.workspaceId),
  connection: describeWhatsAppConnection(),
}));
