import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { signalTyping } from "@/lib/messages/typing";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

/** The agent is typing: the customer sees WhatsApp's "typing…" (throttled, best effort). */
export const POST = apiRoute<{ id: string }>("conversation:reply", async ({ actor, db, params }) => {
  const { id } = parseWith(idParam, params);
  return signalTyping(db, { actor, conversationId: id });
});
