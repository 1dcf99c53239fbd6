import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq } from "drizzle-orm";
import { channels, contacts, conversations, messages, workspaces } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { csatPayload } from "@/lib/content/csat";
import { getConversation } from "@/lib/conversations/queries";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { insertSeedTemplates } from "@/lib/templates/seed";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { makeOutboxWorld, settleOutboxWorlds, type OutboxWorld } from "@/lib/testing/outbox-world";
import { storeWebhookEvents } from "@/lib/whatsapp/store-webhook";
import { updateConversationAndAskRating } from "./csat-request";
import { handleSendJob } from "./outbox";

// Issue 13 end to end on the server: resolve → the rating request template (through the outbox to
// the fake Graph API, which checks it like Meta) → the customer taps a quick reply on the fake's
// phone → the signed webhook goes through the real inbound path → the rating is on the conversation.

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await settleOutboxWorlds();
  await database?.close();
});

/** A workspace on the fake's template account, with the seeded templates and CSAT on (or off). */
async function world(db: Db, { enabled = true } = {}) {
  const w = await makeOutboxWorld(db);
  await db.update(channels).set({ wabaId: w.fake.templates.wabaId }).where(eq(channels.id, w.channel.id));
  await insertSeedTemplates(db, { workspaceId: w.workspace.id, wabaId: w.fake.templates.wabaId, teamIds: new Map() });
  await db.update(workspaces).set({ csatEnabled: enabled }).where(eq(workspaces.id, w.workspace.id));
  return w;
}

/** A customer who wrote `minutesAgo` ago, with a name and a locale. */
async function customer(w: OutboxWorld, { minutesAgo = 10, name = "Marta Rossi", locale = null as string | null } = {}) {
  const made = await w.customer(minutesAgo);
  await database.db.update(contacts).set({ profileName: name, locale }).where(eq(contacts.id, made.contact.id));
  w.fake.engine.customers.get(made.contact.waId)!.profileName = name;
  return made;
}

const threadOf = (conversationId: string) => database.db.select().from(messages).where(eq(messages.conversationId, conversationId)).orderBy(asc(messages.createdAt), asc(messages.id));
const convRow = async (id: string) => (await database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
const resolve = (w: OutboxWorld, id: string) => updateConversationAndAskRating(database.db, w.agent, id, { status: "resolved" });

/** Resolves and sends the rating request through the outbox; returns the stored template message. */
async function resolveAndSend(w: OutboxWorld, conversationId: string) {
  await resolve(w, conversationId);
  const sent = (await threadOf(conversationId)).filter((m) => m.kind === "template");
  expect(sent).toHaveLength(1);
  expect(await handleSendJob(database.db, w.cfg, sent[0]!.id, w.fetchImpl)).toMatchObject({ outcome: "sent" });
  return w.message(sent[0]!.id);
}

/** The customer taps a quick reply on their phone: the fake posts the signed webhook to the app. */
const tap = (w: OutboxWorld, waId: string, payload: string, text: string, contextId?: string) =>
  w.fake.engine.customerSends(waId, { type: "button", button: { payload, text }, ...(contextId ? { contextId } : {}) });

describe(`customer satisfaction (${testDbKind()})`, () => {
  it("resolving sends one rating request in the customer's language, outside the window too, with their first name and a payload per quick reply; a resolve → reopen → resolve asks once", async () => {
    const w = await world(database.db);
    const { conversation } = await customer(w, { minutesAgo: 30 * 60, locale: "it_IT" });
    const row = await resolveAndSend(w, conversation.id);
    const payloads = [5, 3, 1].map((n) => csatPayload(conversation.id, n));
    expect(row).toMatchObject({
      kind: "template",
      direction: "outbound",
      authorType: "system",
      authorUserId: null,
      clientMessageId: `csat:${conversation.id}`,
      text: "Com'è andata, Marta? Tocca un pulsante per valutare la tua conversazione con Volo Azzurro.",
      payload: {
        rendered: { buttons: [{ type: "QUICK_REPLY", text: "Ottimo" }, { type: "QUICK_REPLY", text: "Nella media" }, { type: "QUICK_REPLY", text: "Scarso" }] },
        template: {
          name: "rating_request",
          language: { code: "it" },
          components: [
            { type: "body", parameters: [{ type: "text", parameter_name: "first_name", text: "Marta" }] },
            ...payloads.map((payload, i) => ({ type: "button", sub_type: "quick_reply", index: String(i), parameters: [{ type: "payload", payload }] })),
          ],
        },
      },
    });
    // What the fake received (and accepted, as Meta would) is that template with those payloads.
    const received = w.fake.engine.sent.at(-1)!;
    expect(received).toMatchObject({ type: "template", content: { name: "rating_request", language: { code: "it" } } });
    expect(JSON.stringify(received.content)).toContain(payloads[2]);

    const conv = await convRow(conversation.id);
    expect(conv).toMatchObject({ status: "resolved", csatRating: null, csatAnsweredAt: null, unreadCount: 0 });
    expect(conv.csatRequestedAt).toBeInstanceOf(Date);
    // The thread: resolved, the request, "Rating request sent" — in that order.
    const thread = await threadOf(conversation.id);
    expect(thread.slice(-3).map((m) => [m.kind, (m.payload as { action?: string } | null)?.action ?? null])).toEqual([
      ["event", "status_changed"],
      ["template", null],
      ["event", "csat_requested"],
    ]);
    expect(thread.at(-1)).toMatchObject({ text: "Rating request sent", payload: { action: "csat_requested", messageId: row.id } });
    expect((await getConversation(database.db, w.workspace.id, conversation.id)).csat).toEqual({ requestedAt: conv.csatRequestedAt!.toISOString(), rating: null, answeredAt: null });

    // Reopened and resolved again: no second request.
    await updateConversationAndAskRating(database.db, w.agent, conversation.id, { status: "open" });
    await resolve(w, conversation.id);
    expect((await threadOf(conversation.id)).filter((m) => m.kind === "template")).toHaveLength(1);
    expect((await convRow(conversation.id)).csatRequestedAt).toEqual(conv.csatRequestedAt);
  });

  it("English for any other locale; nothing for a workspace with CSAT off or a conversation the customer never wrote in", async () => {
    const w = await world(database.db);
    const { conversation } = await customer(w, { name: "Jane Smith", locale: "de_DE" });
    const row = await resolveAndSend(w, conversation.id);
    expect(row.text).toBe("How did we do, Jane? Tap to rate your conversation with Volo Azzurro.");
    expect(row.payload).toMatchObject({ template: { language: { code: "en_US" } }, rendered: { buttons: [{ text: "Good" }, { text: "Okay" }, { text: "Poor" }] } });

    const off = await world(database.db, { enabled: false });
    const { conversation: quiet } = await customer(off);
    await resolve(off, quiet.id);
    expect((await threadOf(quiet.id)).filter((m) => m.direction === "outbound")).toEqual([]);
    expect((await convRow(quiet.id)).csatRequestedAt).toBeNull();

    const { conversation: silent } = await customer(w);
    await database.db.update(conversations).set({ lastInboundAt: null }).where(eq(conversations.id, silent.id));
    await resolve(w, silent.id);
    expect((await convRow(silent.id)).csatRequestedAt).toBeNull();
  });

  it("the customer's tap is stored on that conversation without reopening it; a replayed webhook and a second tap change nothing", async () => {
    const w = await world(database.db);
    const { conversation, contact } = await customer(w, { locale: "it" });
    const request = await resolveAndSend(w, conversation.id);
    const before = await convRow(conversation.id);

    const tapped = await tap(w, contact.waId, csatPayload(conversation.id, 5), "Ottimo", request.providerMessageId!);
    expect(tapped.webhookStatus).toBe(200);
    const conv = await convRow(conversation.id);
    expect(conv).toMatchObject({ status: "resolved", csatRating: 5, unreadCount: 0, waitingSince: null, lastMessageAt: before.lastMessageAt, lastMessagePreview: before.lastMessagePreview });
    expect(conv.csatAnsweredAt).toBeInstanceOf(Date);
    expect(await database.db.select().from(conversations).where(eq(conversations.contactId, contact.id))).toHaveLength(1);
    const thread = await threadOf(conversation.id);
    expect(thread.find((m) => m.providerMessageId === tapped.wamid)).toMatchObject({ kind: "button", direction: "inbound", text: "Ottimo", replyToMessageId: request.id });
    expect(thread.at(-1)).toMatchObject({ kind: "event", text: "Marta Rossi rated the conversation: Good (5/5)", payload: { action: "csat_rated", by: null, byName: "Marta Rossi", rating: 5 } });
    expect((await getConversation(database.db, w.workspace.id, conversation.id)).csat).toMatchObject({ rating: 5, answeredAt: conv.csatAnsweredAt!.toISOString() });

    // Meta delivers the same webhook again: nothing more is stored.
    await storeWebhookEvents(database.db, [w.received.at(-1)!.body]);
    await processPendingWebhookEvents(database.db);
    expect(await threadOf(conversation.id)).toHaveLength(thread.length);
    expect(await convRow(conversation.id)).toEqual(conv);

    // A second tap (without the quote this time): an ordinary message, in a new conversation.
    const again = await tap(w, contact.waId, csatPayload(conversation.id, 1), "Scarso");
    expect(await convRow(conversation.id)).toEqual(conv);
    const [msg] = await database.db.select().from(messages).where(eq(messages.providerMessageId, again.wamid));
    expect(msg!.conversationId).not.toBe(conversation.id);
    expect(await convRow(msg!.conversationId)).toMatchObject({ status: "open", unreadCount: 1, csatRating: null });
  });

  it("a tap without the quote counts too; forged payloads (another customer's or workspace's conversation, a rating outside 1–5) and a tap after 7 days are ordinary messages", async () => {
    const w = await world(database.db);
    const { conversation, contact } = await customer(w, { name: "Ada Lovelace" });
    await resolveAndSend(w, conversation.id);

    // Another customer of the same workspace names Ada's conversation.
    const { contact: other } = await customer(w, { name: "Mallory" });
    await tap(w, other.waId, csatPayload(conversation.id, 1), "Poor");
    // Out of range, and a customer of another workspace.
    await tap(w, contact.waId, `csat:${conversation.id}:9`, "Good");
    const elsewhere = await world(database.db);
    const { contact: stranger } = await customer(elsewhere, { name: "Eve" });
    await elsewhere.fake.engine.customerSends(stranger.waId, { type: "button", button: { payload: csatPayload(conversation.id, 1), text: "Poor" } });
    expect(await convRow(conversation.id)).toMatchObject({ csatRating: null, csatAnsweredAt: null });
    expect((await threadOf(conversation.id)).filter((m) => m.direction === "inbound" && m.kind === "button")).toEqual([]);

    // Ada's own tap, without a quote (it takes the batch path's one extra lookup): counts.
    await tap(w, contact.waId, csatPayload(conversation.id, 3), "Okay");
    expect(await convRow(conversation.id)).toMatchObject({ status: "resolved", csatRating: 3 });

    // Eight days after the request: too late, an ordinary message.
    const late = await world(database.db);
    const { conversation: old, contact: slow } = await customer(late, { name: "Bob" });
    await resolveAndSend(late, old.id);
    await database.db.update(conversations).set({ csatRequestedAt: new Date(Date.now() - 8 * 24 * 3600_000) }).where(eq(conversations.id, old.id));
    const lateTap = await tap(late, slow.waId, csatPayload(old.id, 5), "Good");
    expect(await convRow(old.id)).toMatchObject({ csatRating: null, csatAnsweredAt: null });
    const [msg] = await database.db.select().from(messages).where(and(eq(messages.providerMessageId, lateTap.wamid), eq(messages.channelId, late.channel.id)));
    expect(msg!.conversationId).not.toBe(old.id);
  });
});
