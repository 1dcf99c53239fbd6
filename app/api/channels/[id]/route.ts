import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { updateChannelSettings } from "@/lib/channels/channels";
import { updateChannelSchema } from "@/lib/channels/schemas";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().uuid("Unknown channel.") });

/** A number's settings: the welcome reply to customers who open the chat for the first time. */
export const PATCH = apiRoute<{ id: string }>("settings:manage", async ({ actor, db, params: raw, req }) => {
  const { id } = parseWith(params, raw);
  const input = parseWith(updateChannelSchema, await readJson(req));
  return { channel: await updateChannelSettings(db, { workspaceId: actor.workspaceId, actorUserId: actor.userId, channelId: id, welcomeMessage: input.welcomeMessage }) };
});
