import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { markConversationRead } from "@/lib/conversations/mutations";
import { findReadReceiptTarget } from "@/lib/whatsapp/read-receipt";
import { queueMarkRead } from "@/lib/whatsapp/queue-outbound";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(z.object({ id: z.string().uuid() }), params);
  const result = await markConversationRead(db, actor, id);
  // Blue ticks on the customer's phone, once per batch of unread messages (best effort).
  if (result.changed) {
    const target = await findReadReceiptTarget(db, actor.workspaceId, id);
    if (target) await queueMarkRead(target);
  }
  return result;
});
