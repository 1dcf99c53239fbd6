import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/route";
import { openEventStream } from "@/lib/realtime/sse";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  try {
    const actor = await requireActor("conversation:read");
    return await openEventStream(req, actor);
  } catch (err) {
    return errorResponse(err);
  }
}
