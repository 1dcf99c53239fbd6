import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { channels, contacts, conversations, mediaFiles, messages, webhookEvents } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { ingest, loadFixtures, seedChannel, seedOutbound, type Seed } from "@/lib/ingest/test-helpers";

// Replays every sample in shared/fixtures/whatsapp, in the order a real conversation would
// produce them, and checks what ends up in the database.
/** Replayed by fixtures-2026.test.ts (the template-* ones also by fixtures-templates.test.ts). */
const FIXTURES_2026 = [
  "template-category-update-announced.json", "template-status-rejected.json",
  "change-errors.json", "inbound-edit.json", "inbound-interactive-nfm-reply.json", "inbound-referral-ad.json", "inbound-request-welcome.json",
  "inbound-revoke.json", "inbound-system-customer-changed-number.json", "inbound-system-customer-identity-changed.json",
  "inbound-system-user-changed-user-id.json", "inbound-text-phone-and-bsuid.json", "inbound-text-username-only.json", "inbound-unsupported-2026.json",
  "smb-message-echoes.json", "status-delivered-bsuid.json", "status-sent-pricing.json", "template-category-update.json", "template-quality-update.json",
];

describe(`fixture replay (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;
  let seed: Seed;
  let out: Awaited<ReturnType<typeof seedOutbound>>;
  const fixtures = loadFixtures();
  const fixture = (name: string) => {
    const body = fixtures.get(name);
    if (!body) throw new Error(`missing fixture ${name}`);
    return body;
  };
  const messageByWamid = async (wamid: string) => {
    const [row] = await db.select().from(messages).where(and(eq(messages.channelId, seed.channelId), eq(messages.providerMessageId, wamid)));
    return row!;
  };
  const conversation = async (id: string) => (await db.select().from(conversations).where(eq(conversations.id, id)))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    seed = await seedChannel(db);
    out = await seedOutbound(db, seed, "393471234567", ["wamid.OUTBOUND0001", "wamid.OUTBOUND0002", "wamid.OUTBOUND0003", "wamid.OUTBOUND0004", "wamid.OUTBOUND0005"]);
  });
  afterAll(async () => database?.close());

  it("knows the 2026 fixtures too", () => {
    expect(FIXTURES_2026.every((k) => fixtures.has(k))).toBe(true);
  });

  it("knows every fixture file (a new one must be added to this replay)", () => {
    // The 2026 shapes (business-scoped user ids, coexistence, …) are replayed in fixtures-2026.test.ts.
    expect([...fixtures.keys()].filter((k) => !FIXTURES_2026.includes(k))).toEqual([
      "inbound-batch.json", "inbound-document.json", "inbound-image.json", "inbound-interactive-button-reply.json",
      "inbound-interactive-list-reply.json", "inbound-location.json", "inbound-order.json", "inbound-reaction-removed.json",
      "inbound-reaction.json", "inbound-template-button.json", "inbound-text-reply.json", "inbound-text.json",
      "inbound-unsupported.json", "send-error-130429.json", "send-error-131047.json", "send-response-success.json",
      "status-delivered.json", "status-failed-131047.json", "status-read.json", "status-sent.json", "template-status-update.json",
    ]);
  });

  it("text: stores contact, conversation and message; bumps the conversation", async () => {
    const { drained } = await ingest(db, fixture("inbound-text.json"));
    expect(drained).toMatchObject({ claimed: 1, processed: 1, failed: 0 });
    const [contact] = await db.select().from(contacts).where(eq(contacts.waId, "393471234567"));
    expect(contact).toMatchObject({ profileName: "Giulia Rossi", phone: "393471234567", workspaceId: seed.workspaceId });
    const m = await messageByWamid("wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUM0VCMDRGQkE5QzE3RkE5MjBBQjIA");
    expect(m).toMatchObject({ kind: "text", direction: "inbound", authorType: "customer", conversationId: out.conversationId, text: "Buongiorno, non trovo la carta d'imbarco per il volo di domani.", status: null });
    expect(m.payload).toEqual({ body: "Buongiorno, non trovo la carta d'imbarco per il volo di domani." });
    expect(m.createdAt.toISOString()).toBe("2025-11-24T16:00:00.000Z");
    const conv = await conversation(out.conversationId);
    expect(conv).toMatchObject({ status: "open", unreadCount: 1, lastMessageDirection: "inbound", lastMessagePreview: "Buongiorno, non trovo la carta d'imbarco per il volo di domani.", teamId: null });
    expect(conv.lastMessageAt.toISOString()).toBe("2025-11-24T16:00:00.000Z");
    expect(conv.lastInboundAt?.toISOString()).toBe("2025-11-24T16:00:00.000Z");
    expect(conv.waitingSince?.toISOString()).toBe("2025-11-24T16:00:00.000Z");
    const [ch] = await db.select().from(channels).where(eq(channels.id, seed.channelId));
    expect(ch!.lastWebhookAt).toBeInstanceOf(Date);
  });

  it("reply with context: links replyToMessageId to our message", async () => {
    await ingest(db, fixture("inbound-text-reply.json"));
    const m = await messageByWamid("wamid.INB0002");
    expect(m).toMatchObject({ kind: "text", text: "Yes, seat 12A please", replyToMessageId: out.messageIds["wamid.OUTBOUND0001"] });
    expect((await conversation(out.conversationId)).waitingSince?.toISOString()).toBe("2025-11-24T16:00:00.000Z"); // still the first unanswered
  });

  it("image and document: caption as text, a pending media_files row linked to the message", async () => {
    await ingest(db, fixture("inbound-image.json"), fixture("inbound-document.json"));
    const image = await messageByWamid("wamid.INB0003");
    expect(image).toMatchObject({ kind: "image", text: "my passport" });
    expect(image.payload).toMatchObject({ id: "1479537139650973", mime_type: "image/jpeg", caption: "my passport" });
    const doc = await messageByWamid("wamid.INB0004");
    expect(doc).toMatchObject({ kind: "document", text: "receipt" });
    const files = await db.select().from(mediaFiles).orderBy(asc(mediaFiles.createdAt));
    expect(files).toHaveLength(2);
    const imageFile = files.find((f) => f.providerMediaId === "1479537139650973")!;
    expect(imageFile).toMatchObject({ messageId: image.id, status: "pending", mimeType: "image/jpeg", workspaceId: seed.workspaceId, filename: null });
    expect(image.payload).toMatchObject({ mediaFileId: imageFile.id, mediaUrl: `/api/media/${imageFile.id}` });
    expect(files.find((f) => f.providerMediaId === "3392482807514219")).toMatchObject({ messageId: doc.id, filename: "ricevuta.pdf", mimeType: "application/pdf" });
    expect((await conversation(out.conversationId)).lastMessagePreview).toBe("📄 receipt");
  });

  it("location, interactive replies, template button: readable text and quoted message", async () => {
    await ingest(db, fixture("inbound-location.json"), fixture("inbound-interactive-button-reply.json"), fixture("inbound-interactive-list-reply.json"), fixture("inbound-template-button.json"));
    expect(await messageByWamid("wamid.INB0005")).toMatchObject({ kind: "location", text: "📍 Milano Malpensa Terminal 1", payload: { latitude: 45.6306, longitude: 8.7281, address: "21010 Ferno VA, Italy" } });
    expect(await messageByWamid("wamid.INB0006")).toMatchObject({ kind: "interactive", text: "Talk to an agent", replyToMessageId: out.messageIds["wamid.OUTBOUND0002"], payload: { type: "button_reply" } });
    expect(await messageByWamid("wamid.INB0007")).toMatchObject({ kind: "interactive", text: "Window seat", replyToMessageId: out.messageIds["wamid.OUTBOUND0003"] });
    expect(await messageByWamid("wamid.INB0008")).toMatchObject({ kind: "button", text: "Change seat", replyToMessageId: out.messageIds["wamid.OUTBOUND0004"], payload: { payload: "CHANGE_SEAT" } });
    expect(await conversation(out.conversationId)).toMatchObject({ unreadCount: 8, lastMessagePreview: "Change seat" });
  });

  it("reaction: set on the target, kept as a message, no unread bump; removal clears it", async () => {
    await ingest(db, fixture("inbound-reaction.json"));
    const target = await messageByWamid("wamid.OUTBOUND0001");
    expect(target.reaction).toEqual({ emoji: "👍", at: "2025-11-24T16:08:00.000Z" });
    expect(await messageByWamid("wamid.INB0009")).toMatchObject({ kind: "reaction", text: "👍", conversationId: out.conversationId, payload: { message_id: "wamid.OUTBOUND0001", emoji: "👍" } });
    expect(await conversation(out.conversationId)).toMatchObject({ unreadCount: 8, lastMessagePreview: "Change seat" });

    await ingest(db, fixture("inbound-reaction-removed.json"));
    expect((await messageByWamid("wamid.OUTBOUND0001")).reaction).toBeNull();
    expect(await messageByWamid("wamid.INB0010")).toMatchObject({ kind: "reaction", text: null });
    expect((await conversation(out.conversationId)).unreadCount).toBe(8);
  });

  it("order and unsupported: a readable order summary; unsupported kept with its errors", async () => {
    await ingest(db, fixture("inbound-order.json"), fixture("inbound-unsupported.json"));
    const order = await messageByWamid("wamid.INB0011");
    expect(order).toMatchObject({ kind: "order", text: "🛒 Order of 2 items (EUR 90.00): Two extra bags" });
    expect(order.payload).toMatchObject({ catalog_id: "354160437058781", product_items: [{ product_retailer_id: "BAG-23KG", quantity: 2 }] });
    const unsupported = await messageByWamid("wamid.INB0012");
    expect(unsupported).toMatchObject({ kind: "unsupported", text: null });
    expect(unsupported.payload).toMatchObject({ errors: [{ code: 131051 }] });
    expect(await conversation(out.conversationId)).toMatchObject({ unreadCount: 10, lastMessagePreview: "Unsupported message" });
  });

  it("batch: two customers in one POST, each in their own conversation", async () => {
    await ingest(db, fixture("inbound-batch.json"));
    const giulia = await messageByWamid("wamid.INB0013");
    const jan = await messageByWamid("wamid.INB0014");
    expect(giulia).toMatchObject({ text: "first", conversationId: out.conversationId });
    expect(jan.text).toBe("Hallo, mijn vlucht is geannuleerd");
    expect(jan.conversationId).not.toBe(out.conversationId);
    const [janContact] = await db.select().from(contacts).where(eq(contacts.waId, "31612345678"));
    expect(janContact).toMatchObject({ profileName: "Jan de Vries", phone: "31612345678" });
    expect(await conversation(jan.conversationId)).toMatchObject({ contactId: janContact!.id, status: "open", unreadCount: 1, teamId: null, assigneeId: null, lastMessagePreview: "Hallo, mijn vlucht is geannuleerd" });
    expect((await conversation(out.conversationId)).unreadCount).toBe(11);
  });

  it("statuses: sent, delivered, read move forward with their times; failed carries the human error", async () => {
    await ingest(db, fixture("status-sent.json"), fixture("status-delivered.json"), fixture("status-read.json"));
    const m = await messageByWamid("wamid.OUTBOUND0001");
    expect(m.status).toBe("read");
    expect(m.sentAt?.toISOString()).toBe("2025-11-24T16:13:20.000Z");
    expect(m.deliveredAt?.toISOString()).toBe("2025-11-24T16:13:30.000Z");
    expect(m.readAt?.toISOString()).toBe("2025-11-24T16:13:40.000Z");
    expect(m.reaction).toBeNull(); // statuses leave the reaction alone

    await ingest(db, fixture("status-failed-131047.json"));
    const failed = await messageByWamid("wamid.OUTBOUND0005");
    expect(failed.status).toBe("failed");
    expect(failed.error).toEqual({ code: 131047, title: "Re-engagement message", message: "More than 24 hours since the customer last wrote — send a template instead." });
  });

  it("template status update: stored and processed, never an error", async () => {
    const { stored } = await ingest(db, fixture("template-status-update.json"));
    const [ev] = await db.select().from(webhookEvents).where(eq(webhookEvents.id, stored[0]!.id));
    expect(ev).toMatchObject({ status: "processed", error: null, attempts: 1 });
  });

  it("send API responses are not notifications: stored as malformed, never processed", async () => {
    const before = await db.select({ id: messages.id }).from(messages);
    const { stored } = await ingest(db, fixture("send-response-success.json"), fixture("send-error-131047.json"), fixture("send-error-130429.json"));
    expect(stored.map((s) => s.status)).toEqual(["malformed", "malformed", "malformed"]);
    expect(await db.select({ id: messages.id }).from(messages)).toHaveLength(before.length);
  });

  it("every stored event ends processed or malformed, and every message lands once", async () => {
    const events = await db.select({ status: webhookEvents.status, error: webhookEvents.error }).from(webhookEvents);
    expect(events.every((e) => e.status === "processed" || e.status === "malformed")).toBe(true);
    expect(events.filter((e) => e.status === "processed").every((e) => e.error === null)).toBe(true);
    const inbound = await db.select({ id: messages.id }).from(messages).where(eq(messages.direction, "inbound"));
    expect(inbound).toHaveLength(14);
  });
});
