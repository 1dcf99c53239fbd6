import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson, searchParamsOf } from "@/lib/http/route";
import { requestPayment } from "@/lib/messages/payment-request-reply";
import { listPaymentRequests } from "@/lib/payments/queries";
import { createPaymentRequestSchema, listPaymentRequestsSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

export const GET = apiRoute("payment:read", async ({ actor, db, req }) => {
  return listPaymentRequests(db, { workspaceId: actor.workspaceId, input: parseWith(listPaymentRequestsSchema, searchParamsOf(req)) });
});

// 201 with the new request; 200 with the same request when the Idempotency-Key and body repeat.
export const POST = apiRoute("payment:create", async ({ actor, db, req }) => {
  const input = parseWith(createPaymentRequestSchema, await readJson(req));
  const { request, created } = await requestPayment(db, actor, { input, idempotencyKey: req.headers.get("idempotency-key") });
  return NextResponse.json(request, { status: created ? 201 : 200 });
});
