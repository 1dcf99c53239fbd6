import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { retryMessage } from "@/lib/messages/retry";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().uuid("Not a conversation id."), messageId: z.string().uuid("Not a message id.") });

/** Sends a failed outbound message again: 409 unless it is failed (or when the 24-hour window closed). */
export const POST = apiRoute<{ id: string; messageId: string }>("conversation:reply", async ({ actor, db, params: p }) => {
  const { id, messageId } = parseWith(params, p);
  const result = await retryMessage(db, actor, id, messageId);
  return { id: result.id, status: "queued" };
});
