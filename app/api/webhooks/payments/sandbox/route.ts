import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/db/client";
import { errorResponse, readRawBody } from "@/lib/http/route";
import { receivePaymentWebhook } from "@/lib/messages/payment-request-reply";

// The sandbox provider's webhook: authenticated by its HMAC signature, not by a session, so it
// does not use apiRoute. A bad signature is 400 and stores nothing; a replay changes nothing.
export const dynamic = "force-dynamic";

export async function POST(req: NextRequest) {
  try {
    const rawBody = await readRawBody(req);
    const result = await receivePaymentWebhook(await getDb(), { provider: "sandbox", rawBody, headers: req.headers });
    return NextResponse.json({ received: result.events.length, events: result.events }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return errorResponse(err);
  }
}
