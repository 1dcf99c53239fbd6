import { z } from "zod";
import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { templateReplySchema } from "@/lib/messages/schemas";
import { createTemplateReply } from "@/lib/messages/template-reply";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a conversation id.") });

/** Sends an approved template: the only thing WhatsApp delivers outside the 24-hour window. */
export const POST = apiRoute<{ id: string }>("conversation:reply", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(templateReplySchema, await readJson(req));
  const result = await createTemplateReply(db, actor, id, input);
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
