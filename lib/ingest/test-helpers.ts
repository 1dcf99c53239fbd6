// Test-only helpers for the inbound WhatsApp tests (not imported by app code).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { channels, contacts, conversations, messages, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { acceptWebhook, type WebhookAnswer } from "@/lib/whatsapp/accept-webhook";
import { signBody } from "@/lib/whatsapp/signature";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";

export const FIXTURES_DIR = path.resolve(process.cwd(), "fixtures/whatsapp");
/** The business number every fixture is addressed to (metadata.phone_number_id). */
export const FIXTURE_PHONE_NUMBER_ID = "106540352242922";

/** Every fixture file, by name, as the exact bytes (text) that arrive on the wire. */
export function loadFixtures(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(FIXTURES_DIR).sort()) {
    if (name.endsWith(".json")) out.set(name, readFileSync(path.join(FIXTURES_DIR, name), "utf8"));
  }
  return out;
}

export type Seed = { workspaceId: string; channelId: string };

/** A workspace with one WhatsApp number matching the fixtures. */
export async function seedChannel(db: Db, phoneNumberId = FIXTURE_PHONE_NUMBER_ID): Promise<Seed> {
  const [ws] = await db.insert(workspaces).values({ name: "Volo Azzurro", verifiedName: "Volo Azzurro" }).returning({ id: workspaces.id });
  const [ch] = await db
    .insert(channels)
    .values({ workspaceId: ws!.id, phoneNumberId, wabaId: "102290129340398", displayPhoneNumber: "+1 555 000 1234", verifiedName: "Volo Azzurro" })
    .returning({ id: channels.id });
  return { workspaceId: ws!.id, channelId: ch!.id };
}

/** A conversation with a customer holding messages we sent (targets of statuses, reactions, replies). */
export async function seedOutbound(db: Db, seed: Seed, waId: string, providerIds: string[], status: "queued" | "sent" = "sent") {
  const [contact] = await db.insert(contacts).values({ workspaceId: seed.workspaceId, waId, phone: waId }).returning({ id: contacts.id });
  const [conv] = await db
    .insert(conversations)
    .values({ workspaceId: seed.workspaceId, contactId: contact!.id, channelId: seed.channelId, lastMessageAt: new Date("2025-11-24T15:00:00Z") })
    .returning({ id: conversations.id });
  const ids: Record<string, string> = {};
  for (const [i, providerMessageId] of providerIds.entries()) {
    const [m] = await db
      .insert(messages)
      .values({
        workspaceId: seed.workspaceId,
        conversationId: conv!.id,
        channelId: seed.channelId,
        direction: "outbound",
        authorType: "agent",
        kind: "text",
        text: `outbound ${i}`,
        providerMessageId,
        status,
        createdAt: new Date(Date.parse("2025-11-24T15:00:00Z") + i * 1000),
      })
      .returning({ id: messages.id });
    ids[providerMessageId] = m!.id;
  }
  return { contactId: contact!.id, conversationId: conv!.id, messageIds: ids };
}

/** Stores bodies like the POST handler does, then processes everything pending. */
export async function ingest(db: Db, ...bodies: string[]) {
  const stored = await storeWebhookEvents(db, bodies);
  const drained = await processPendingWebhookEvents(db, { limit: 10_000 });
  return { stored, drained };
}

/** The app secret the signed deliveries are signed with (the webhook's X-Hub-Signature-256 key). */
export const TEST_APP_SECRET = "sportello-fixtures-app-secret";

/**
 * One POST as the webhook receives it: the raw bytes and their X-Hub-Signature-256 header through
 * `acceptWebhook` (the contract the Next route and the lean node:http path share), stored as
 * they store. `signature` defaults to the right one; pass null (unsigned) or another to test refusals.
 */
export function postWebhook(db: Db, body: string, signature: string | null = signBody(body, TEST_APP_SECRET)): Promise<WebhookAnswer> {
  return acceptWebhook(Buffer.from(body, "utf8"), signature, {
    appSecret: () => TEST_APP_SECRET,
    store: async (raw) => (await storeWebhookEvents(db, [raw]))[0]!,
  });
}

/**
 * Delivers each body signed, one POST each and in order, like Meta does, then processes
 * everything pending. Throws unless every POST was answered 200 (stored).
 */
export async function deliverSigned(db: Db, ...bodies: string[]) {
  for (const body of bodies) {
    const answer = await postWebhook(db, body);
    if (answer.status !== 200) throw new Error(`signed delivery answered ${answer.status} ${answer.body}: ${body.slice(0, 200)}`);
  }
  return processPendingWebhookEvents(db, { limit: 10_000 });
}

/** A notification carrying the given messages (and the sender's profile) for the fixture number. */
export function notification(value: Record<string, unknown>, field = "messages"): string {
  return JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field, value: { messaging_product: "whatsapp", metadata: { display_phone_number: "15550001234", phone_number_id: FIXTURE_PHONE_NUMBER_ID }, ...value } }] }],
  });
}

export function textMessage(from: string, id: string, body: string, ts: number, name = "Customer") {
  return notification({ contacts: [{ profile: { name }, wa_id: from }], messages: [{ from, id, timestamp: String(ts), type: "text", text: { body } }] });
}

export function statusUpdate(id: string, status: string, ts: number, errors?: unknown[]) {
  return notification({ statuses: [{ id, status, timestamp: String(ts), recipient_id: "393471234567", ...(errors ? { errors } : {}) }] });
}
