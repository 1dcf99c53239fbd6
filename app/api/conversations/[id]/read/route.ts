import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { markConversationRead } from "@/lib/conversations/mutations";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(z.object({ id: z.string().uuid() }), params);
  return markConversationRead(db, actor, id);
});
