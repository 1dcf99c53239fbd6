import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { refreshChannelProfile } from "@/lib/channels/channels";
import { getWhatsAppConfig } from "@/lib/env";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().uuid("Unknown channel.") });

/** Re-reads the number's verified name, display number, quality rating and badge from WhatsApp. */
export const POST = apiRoute<{ id: string }>("settings:manage", async ({ actor, db, params: raw }) => {
  const { id } = parseWith(params, raw);
  const { accessToken, graphUrl, apiVersion } = getWhatsAppConfig();
  return { channel: await refreshChannelProfile(db, actor.workspaceId, id, { accessToken, graphUrl, apiVersion }) };
});
