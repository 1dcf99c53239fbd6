import { z } from "zod";
import { renderBoardingPass } from "@/lib/boarding-pass";
import { passQuerySchema } from "@/lib/boarding-pass/schemas";
import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.uuid("Not a booking id.") });

/** `?leg=N&passenger=M&format=pdf|png&barcode=aztec|pdf417|qrcode[&locale=en|it]`: one passenger's pass for one leg. */
export const GET = apiRoute<{ id: string }>("booking:read", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const q = parseWith(passQuerySchema, searchParamsOf(req));
  const pass = await renderBoardingPass(db, { workspaceId: actor.workspaceId, bookingId: id, ...q });
  return new Response(new Uint8Array(pass.bytes), { status: 200, headers: pass.headers });
});
