import { NextResponse } from "next/server";
import { apiRoute, parseWith, readJson } from "@/lib/http/route";
import { nextReadRoute } from "@/lib/http/read-route";
import { requestPayment } from "@/lib/messages/payment-request-reply";
import { listPaymentRequestsRead } from "@/lib/payments/list";
import { createPaymentRequestSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

// Also served by server.mjs's lean path (lib/background/start.ts): one definition, two servers.
export const GET = nextReadRoute(listPaymentRequestsRead);

// 201 with the new request; 200 with the same request when the Idempotency-Key and body repeat.
export const POST = apiRoute("payment:create", async ({ actor, db, req }) => {
  const input = parseWith(createPaymentRequestSchema, await readJson(req));
  const { request, created } = await requestPayment(db, actor, { input, idempotencyKey: req.headers.get("idempotency-key") });
  return NextResponse.json(request, { status: created ? 201 : 200 });
});
