import type { NextRequest } from "next/server";
import { and, eq, max } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels, contacts, conversations } from "@/lib/db/schema";
import { getEnv, getWhatsAppConfig } from "@/lib/env";
import { createFakeGraph, type FakeGraph } from "@/lib/whatsapp/fake";
import { faultResponse } from "@/lib/whatsapp/fake/http-adapters";
import { DEMO_CHANNEL } from "@/lib/demo/seed-data";

// The fake Graph API inside the app, for demo mode only (no WHATSAPP_ACCESS_TOKEN): sends from the
// outbox land here and the fake posts signed statuses back to /api/webhooks/whatsapp.
// `/_fake/…` (faults, customer simulator) is unauthenticated: it exists only in demo mode.
export const dynamic = "force-dynamic";

const g = globalThis as unknown as { __sportelloFakeGraph?: FakeGraph };

function fake(): FakeGraph | null {
  const cfg = getWhatsAppConfig();
  if (!cfg.demo) return null;
  g.__sportelloFakeGraph ??= createFakeGraph({
    appSecret: cfg.appSecret,
    accessToken: cfg.accessToken,
    phoneNumberId: cfg.phoneNumberId,
    webhookUrl: `${getEnv().APP_URL.replace(/\/+$/, "")}/api/webhooks/whatsapp`,
    basePath: "/api/fake-graph",
    profile: { verifiedName: DEMO_CHANNEL.verifiedName, displayPhoneNumber: DEMO_CHANNEL.displayPhoneNumber, official: DEMO_CHANNEL.verified },
    // The fake forgets customers on restart; the app's own record of their last message does not.
    lastInboundAt: async (waId) => {
      const db = await getDb();
      const [row] = await db
        .select({ at: max(conversations.lastInboundAt) })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .innerJoin(channels, eq(channels.id, conversations.channelId))
        .where(and(eq(contacts.waId, waId), eq(channels.phoneNumberId, cfg.phoneNumberId)));
      return row?.at ? row.at.getTime() : null;
    },
  });
  return g.__sportelloFakeGraph;
}

async function handle(req: NextRequest): Promise<Response> {
  const f = fake();
  if (!f) return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  try {
    return await f.handle(req);
  } catch (err) {
    const res = faultResponse(err);
    if (res) return res;
    console.error("[fake-graph]", err);
    return Response.json({ error: { message: "Fake Graph API error", type: "OAuthException", code: 1 } }, { status: 500 });
  }
}

export const GET = handle;
export const POST = handle;
export const DELETE = handle;
