import { z } from "zod";
import { NextResponse } from "next/server";
import { sendPassSchema } from "@/lib/boarding-pass/schemas";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { sendBoardingPass } from "@/lib/messages/boarding-pass-reply";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.uuid("Not a conversation id.") });

/** `{ bookingId, leg, passenger, locale?, clientMessageId? }`: the pass as a PDF document, inside the 24-hour window. */
export const POST = apiRoute<{ id: string }>("conversation:reply", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(sendPassSchema, await readJson(req));
  const result = await sendBoardingPass(db, { actor, conversationId: id, ...input });
  return NextResponse.json(result, { status: result.duplicate ? 200 : 201 });
});
