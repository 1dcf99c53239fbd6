// Test-only: a workspace wired to an in-process fake Graph API whose signed webhooks go through the
// real inbound path (signature check → webhook_events → processor), as in production.
import { eq } from "drizzle-orm";
import { messages, webhookEvents } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { createFakeGraph, type FakeGraphOptions } from "@/lib/fake-whatsapp";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { verifySignature } from "@/lib/whatsapp/signature";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";
import type { SendConfig } from "@/lib/messages/outbox";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "./factories";

export const TEST_APP_SECRET = "outbox-test-app-secret";

const live = new Set<{ idle(): Promise<void> }>();

/** Waits for every world's pending webhook posts: call before closing the database. */
export async function settleOutboxWorlds(): Promise<void> {
  await Promise.all([...live].map((f) => f.idle()));
  live.clear();
}

export type ReceivedWebhook = { body: string; signature: string | null; valid: boolean };

export async function makeOutboxWorld(db: Db, opts: { deliverWebhooks?: boolean; fake?: Partial<FakeGraphOptions> } = {}) {
  const ws = await makeWorkspace(db);
  const agent = actorOf(await makeUser(db, ws.workspace.id));
  const received: ReceivedWebhook[] = [];
  const state = { deliver: opts.deliverWebhooks ?? true };
  const fake = createFakeGraph({
    appSecret: TEST_APP_SECRET,
    webhookUrl: "http://sportello.test/api/webhooks/whatsapp",
    phoneNumberId: ws.channel.phoneNumberId,
    accessToken: "test-access-token",
    statusDelays: { sent: 0, delivered: 0 },
    webhookRetries: 0,
    ...opts.fake,
    // The app's webhook endpoint, minus HTTP: verify, store, process.
    fetchImpl: async (_url, init) => {
      const body = String(init.body);
      const signature = new Headers(init.headers).get("x-hub-signature-256");
      const valid = verifySignature(Buffer.from(body, "utf8"), signature, TEST_APP_SECRET);
      received.push({ body, signature, valid });
      if (!state.deliver) return new Response("down", { status: 503 });
      if (!valid) return new Response("bad signature", { status: 401 });
      const [stored] = await storeWebhookEvents(db, [body]);
      // Drains skip rows another drain holds (SKIP LOCKED): a webhook of an earlier test still in
      // flight may hold this one, so drain until this event is no longer pending, as the app's
      // poller would.
      for (let i = 0; i < 100; i++) {
        await processPendingWebhookEvents(db);
        const [row] = await db.select({ status: webhookEvents.status }).from(webhookEvents).where(eq(webhookEvents.id, stored!.id));
        if (!row || row.status !== "pending") break;
        await new Promise((r) => setTimeout(r, 20));
      }
      return Response.json({ ok: true });
    },
  });
  live.add(fake);
  const cfg: SendConfig = { accessToken: "test-access-token", graphUrl: "https://graph.facebook.test", apiVersion: "v26.0" };

  let graphCalls = 0;
  const fetchImpl = (url: string, init: RequestInit) => {
    graphCalls++;
    return fake.fetch(url, init);
  };

  /** A conversation whose customer wrote `minutesAgo` ago (on our side and on the fake's). */
  async function customer(minutesAgo = 5) {
    const at = new Date(Date.now() - minutesAgo * 60_000);
    const made = await makeConversation(db, ws, { lastInboundAt: at, assigneeId: agent.userId });
    fake.engine.customers.set(made.contact.waId, { waId: made.contact.waId, profileName: made.contact.profileName ?? "", lastInboundAt: at.getTime() });
    return made;
  }

  async function message(id: string) {
    const [row] = await db.select().from(messages).where(eq(messages.id, id));
    return row!;
  }

  return {
    ...ws,
    agent,
    fake,
    cfg,
    fetchImpl,
    received,
    customer,
    message,
    graphCalls: () => graphCalls,
    /** Stop (or resume) accepting the fake's webhooks, as if the app were down. */
    setDelivering: (on: boolean) => void (state.deliver = on),
  };
}

export type OutboxWorld = Awaited<ReturnType<typeof makeOutboxWorld>>;
