import { z } from "zod";
import { apiRoute, parseWith } from "@/lib/http/route";
import { markThreadRead } from "@/lib/messages/mark-read";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("conversation:read", async ({ actor, db, params }) => {
  const { id } = parseWith(z.object({ id: z.string().uuid() }), params);
  return markThreadRead(db, { actor, conversationId: id });
});
