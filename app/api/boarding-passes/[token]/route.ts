import type { NextRequest } from "next/server";
import { renderLinkedBoardingPass } from "@/lib/boarding-pass";
import { getDb } from "@/lib/db/client";
import { errorResponse } from "@/lib/http/route";

// Fetched by WhatsApp's servers (a document link) and by the customer, without a session: the
// signed, expiring token in the path is the authorization. So it does not use apiRoute.
export const dynamic = "force-dynamic";

export async function GET(_req: NextRequest, context: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await context.params;
    const pass = await renderLinkedBoardingPass(await getDb(), token);
    return new Response(new Uint8Array(pass.bytes), { status: 200, headers: pass.headers });
  } catch (err) {
    return errorResponse(err);
  }
}
