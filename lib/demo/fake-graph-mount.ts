import "server-only";
import { and, eq, max, or } from "drizzle-orm";
import { getDb } from "@/lib/db/client";
import { channels, contacts, conversations, templates } from "@/lib/db/schema";
import { getAppUrl, getWhatsAppConfig } from "@/lib/env";
import { createFakeGraph, type FakeGraph } from "@/lib/fake-whatsapp";
import { faultResponse } from "@/lib/fake-whatsapp/http-adapters";
import { DEMO_CHANNEL } from "@/lib/demo/seed-data";

// The demo mounts the fake Graph API inside the app (no WHATSAPP_ACCESS_TOKEN): sends from the
// outbox land here and the fake posts signed statuses back to /api/webhooks/whatsapp. The product
// never imports the fake; only this mount and the tests do.

const g = globalThis as unknown as { __sportelloFakeGraph?: FakeGraph };

function mountedFake(): FakeGraph | null {
  const cfg = getWhatsAppConfig();
  if (!cfg.demo) return null;
  g.__sportelloFakeGraph ??= createFakeGraph({
    appSecret: cfg.appSecret,
    accessToken: cfg.accessToken,
    phoneNumberId: cfg.phoneNumberId,
    webhookUrl: `${getAppUrl()}/api/webhooks/whatsapp`,
    basePath: "/api/fake-graph",
    profile: { verifiedName: DEMO_CHANNEL.verifiedName, displayPhoneNumber: DEMO_CHANNEL.displayPhoneNumber, official: DEMO_CHANNEL.verified },
    wabaId: DEMO_CHANNEL.wabaId,
    // The fake forgets customers on restart; the app's own record of their last message does not.
    // A customer is named by phone or, without one, by business-scoped user id.
    lastInboundAt: async (key) => {
      const db = await getDb();
      const [row] = await db
        .select({ at: max(conversations.lastInboundAt) })
        .from(conversations)
        .innerJoin(contacts, eq(contacts.id, conversations.contactId))
        .innerJoin(channels, eq(channels.id, conversations.channelId))
        .where(and(or(eq(contacts.waId, key), eq(contacts.bsuid, key)), eq(channels.phoneNumberId, cfg.phoneNumberId)));
      return row?.at ? row.at.getTime() : null;
    },
  });
  const fake = g.__sportelloFakeGraph;
  void rememberTemplates(fake).catch((err) => console.warn("[fake-graph] could not load the app's templates:", err instanceof Error ? err.message : err));
  return fake;
}

const loaded = new WeakSet<FakeGraph>();

/**
 * The fake keeps its templates in memory and starts from the seeded ones; templates the app got
 * approved before a restart are Meta's too, so they are put back (once per fake).
 */
async function rememberTemplates(fake: FakeGraph): Promise<void> {
  if (loaded.has(fake)) return;
  loaded.add(fake);
  const db = await getDb();
  const rows = await db.select().from(templates).where(eq(templates.wabaId, DEMO_CHANNEL.wabaId));
  for (const r of rows) {
    if (!r.metaId || fake.templates.store.some((t) => t.id === r.metaId || (t.name === r.name && t.language === r.language))) continue;
    fake.templates.store.push({
      id: r.metaId,
      name: r.name,
      language: r.language,
      category: r.category as "UTILITY",
      parameterFormat: r.parameterFormat as "NAMED",
      components: r.components as never,
      status: r.status,
      qualityScore: r.qualityScore,
      rejectedReason: r.rejectionReason,
    });
  }
}

/** Answers a request to /api/fake-graph/… in demo mode; a 404 otherwise. */
export async function handleFakeGraphRequest(req: Request): Promise<Response> {
  const f = mountedFake();
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
