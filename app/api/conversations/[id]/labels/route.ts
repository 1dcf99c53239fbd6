import { z } from "zod";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { setConversationLabelsSchema } from "@/lib/labels/schemas";
import { setConversationLabels } from "@/lib/labels/labels";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

/** The conversation carries exactly these labels from now on. */
export const PUT = apiRoute<{ id: string }>("label:apply", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  return setConversationLabels(db, { actor, conversationId: id, input: parseWith(setConversationLabelsSchema, await readJson(req)) });
});
