import type { NextRequest } from "next/server";
import { requireActor } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http/route";
import { openLiveStream } from "@/lib/live/stream";

export const dynamic = "force-dynamic";

export async function GET(req: NextRequest) {
  try {
    const actor = await requireActor("conversation:read");
    return await openLiveStream(req, actor);
  } catch (err) {
    return errorResponse(err);
  }
}
