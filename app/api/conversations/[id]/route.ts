import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { getConversation } from "@/lib/conversations/queries";
import { changeConversation } from "@/lib/assignment/update";
import { updateConversationSchema } from "@/lib/conversations/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

export const GET = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return getConversation(db, actor.workspaceId, id);
});

export const PATCH = apiRoute<{ id: string }>("conversation:update", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(updateConversationSchema, await readJson(req));
  await changeConversation(db, actor, id, input);
  return getConversation(db, actor.workspaceId, id);
});
