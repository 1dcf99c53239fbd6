import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { errorResponse, readRawBody } from "@/lib/http/route";
import { receivePaymentWebhook } from "@/lib/messages/payment-request-reply";
import { paymentErrors } from "@/lib/payments/errors";
import { getProvider } from "@/lib/payments/providers";

// Stripe's webhook: verified with the SDK (`Stripe-Signature`), not by a session. Without Stripe
// configured it does not exist (404). A bad signature is 400 and stores nothing.
export const dynamic = "force-dynamic";

export async function POST(req: NextRequest) {
  try {
    if (!getProvider("stripe")) throw paymentErrors.notFound();
    const rawBody = await readRawBody(req);
    const result = await receivePaymentWebhook(await getDb(), { provider: "stripe", rawBody, headers: req.headers });
    return NextResponse.json({ received: result.events.length, events: result.events }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
