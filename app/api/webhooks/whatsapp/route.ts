import { after, type NextRequest } from "next/server";
import { afterWebhookStored } from "@/lib/ingest/processor";
import { receiveWebhook, verifyWebhookSubscription } from "@/lib/ingest/webhook-endpoint";

// Meta's endpoint: authenticated by signature, not by session, so it does not use apiRoute.
export const dynamic = "force-dynamic";

export function GET(req: NextRequest) {
  return verifyWebhookSubscription(req.nextUrl.searchParams);
}

export async function POST(req: NextRequest) {
  const { response, stored } = await receiveWebhook(req);
  // Process after the answer: Meta wants its 200 fast, and the stored row survives a crash.
  if (stored) after(afterWebhookStored);
  return response;
}
