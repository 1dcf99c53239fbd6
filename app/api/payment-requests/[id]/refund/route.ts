import { z } from "zod";
import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { requireIdempotencyKey } from "@/lib/payments/create";
import { refundPaymentRequest } from "@/lib/payments/refunds";
import { refundSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

const idParam = z.object({ id: z.string().uuid("Not a payment request id.") });

// 201 with a new refund (succeeded for a lead or admin, requested for an agent); 200 on a repeat.
export const POST = apiRoute<{ id: string }>("payment:refund", async ({ actor, db, params, req }) => {
  const { id } = parseWith(idParam, params);
  const input = parseWith(refundSchema, await readJson(req));
  const idempotencyKey = requireIdempotencyKey(req.headers.get("idempotency-key"));
  const result = await refundPaymentRequest(db, { actor, id, input, idempotencyKey });
  return NextResponse.json(result, { status: result.created ? 201 : 200 });
});
