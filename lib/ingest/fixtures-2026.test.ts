import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { contacts, conversations, messages, webhookEvents } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { DELETED_PREVIEW } from "@/lib/content/message-content";
import { signBody } from "@/lib/whatsapp/signature";
import { deliverSigned, loadFixtures, postWebhook, seedChannel, TEST_APP_SECRET, type Seed } from "./test-helpers";

// The 2026 Cloud API shapes (fixtures/whatsapp, recorded as Meta documents them): customers by
// business-scoped user id, phone withheld, edits and deletions, echoes from the WhatsApp Business
// app, identity changes. Each signed and posted through the webhook's accept path (the contract the
// real endpoint answers with), processed, and all of them again, twice and out of order.

const ORIGINAL = "wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUM0VCMEJTVUlEMDAwMDAwMDAwMDEA";
const USERNAME_ONLY = "wamid.HBgVSVQuODgxMjAwMzQ0NTU2Njc3ODg5OTAVAgASGBQzQUIxQ0Q5RTAwRkYxMjM0NTY3OAA=";
const IDENTITY_CHANGED = "wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUU1lTVEVNMDAwMDAwMDAwMDAwMgA=";
const CHANGED_NUMBER = "wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUU1lTVEVNMDAwMDAwMDAwMDAwMQA=";
const CHANGED_USER_ID = "wamid.HBgVSVQuODgxMjAwMzQ0NTU2Njc3ODg5OTAVAgASGBRTWVNURU0wMDAwMDAwMDAwMDAzAA==";
const ECHO = "wamid.HBgMMzkzNDcxMjM0NTY3FQIAERgSRUNITzAwMDAwMDAwMDAwMDAxAA==";

describe(`2026 shapes (${testDbKind()})`, () => {
  let database: Database;
  let seed: Seed;
  const fixtures = loadFixtures();
  const fixture = (name: string) => fixtures.get(name)!;
  const byWamid = async (wamid: string) => (await database.db.select().from(messages).where(eq(messages.providerMessageId, wamid)))[0];
  const people = async () => (await database.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, seed.workspaceId))).length;
  const holding = (column: typeof contacts.waId | typeof contacts.bsuid, value: string) =>
    database.db.select().from(contacts).where(and(eq(contacts.workspaceId, seed.workspaceId), eq(column, value)));
  /** Giulia moved to her new number (and its new BSUID), Marta to her new BSUID; nobody holds the old ones. */
  const expectIdentities = async () => {
    const giulia = await byWamid(ORIGINAL);
    const [giuliaConv] = await database.db.select().from(conversations).where(eq(conversations.id, giulia!.conversationId));
    const [g] = await database.db.select().from(contacts).where(eq(contacts.id, giuliaConv!.contactId));
    expect(g).toMatchObject({ waId: "393477654321", phone: "393477654321", bsuid: "IT.55021948377160029314", profileName: "Giulia Rossi", username: "giulia.rossi" });
    expect(await holding(contacts.waId, "393471234567")).toHaveLength(0);
    expect(await holding(contacts.bsuid, "IT.13491208655302741918")).toHaveLength(0);
    expect((await holding(contacts.waId, "393477654321")).map((c) => c.id)).toEqual([g!.id]);
    const marta = await byWamid(USERNAME_ONLY);
    const [martaConv] = await database.db.select().from(conversations).where(eq(conversations.id, marta!.conversationId));
    const [m] = await database.db.select().from(contacts).where(eq(contacts.id, martaConv!.contactId));
    expect(m).toMatchObject({ waId: null, phone: null, bsuid: "IT.77310092846615502241", username: "marta_viaggia" });
    expect(await holding(contacts.bsuid, "IT.88120034455667788990")).toHaveLength(0);
    // Still one conversation each: the change moved no message.
    expect(await database.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, g!.id))).toHaveLength(1);
    expect(await database.db.select({ id: conversations.id }).from(conversations).where(eq(conversations.contactId, m!.id))).toHaveLength(1);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    seed = await seedChannel(database.db);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("an unsigned, wrongly signed or tampered delivery is refused (401) and stores nothing", async () => {
    const db = database.db;
    const body = fixture("inbound-text-username-only.json");
    const tampered = body.replace("Lisbona", "Lisboa");
    for (const signature of [null, "", "sha256=", signBody(body, "not-the-app-secret"), signBody(body, TEST_APP_SECRET).replace("sha256=", "sha1="), signBody(tampered, TEST_APP_SECRET)]) {
      expect(await postWebhook(db, body, signature), String(signature)).toMatchObject({ status: 401, stored: false });
    }
    expect(await postWebhook(db, tampered, signBody(body, TEST_APP_SECRET))).toMatchObject({ status: 401, stored: false });
    expect(await db.select({ id: webhookEvents.id }).from(webhookEvents)).toHaveLength(0);
    expect(await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.bsuid, "IT.88120034455667788990"))).toHaveLength(0);
    expect(await db.select({ id: messages.id }).from(messages)).toHaveLength(0);
  });

  it("a username-only customer (no phone) gets a contact and a conversation", async () => {
    const drained = await deliverSigned(database.db, fixture("inbound-text-username-only.json"));
    expect(drained).toMatchObject({ processed: 1, failed: 0 });
    const [c] = await database.db.select().from(contacts).where(and(eq(contacts.workspaceId, seed.workspaceId), eq(contacts.bsuid, "IT.88120034455667788990")));
    expect(c).toMatchObject({ waId: null, phone: null, username: "marta_viaggia", profileName: "Marta" });
    const convs = await database.db.select().from(conversations).where(eq(conversations.contactId, c!.id));
    expect(convs).toHaveLength(1);
    expect(convs[0]).toMatchObject({ unreadCount: 1, lastMessagePreview: "Ciao, il mio bagaglio non è arrivato a Lisbona." });
  });

  it("an edit replaces the text and keeps the earlier one; a deletion hides it", async () => {
    const db = database.db;
    await deliverSigned(db, fixture("inbound-text-phone-and-bsuid.json"));
    await deliverSigned(db, fixture("inbound-edit.json"));
    const edited = await byWamid(ORIGINAL);
    expect(edited).toMatchObject({ text: "Posso cambiare il posto sul volo di dopodomani?", revokedAt: null });
    expect(edited!.editedAt).toBeInstanceOf(Date);
    expect(edited!.history).toEqual([expect.objectContaining({ text: "Posso cambiare il posto sul volo di domani?" })]);
    // It is the newest message: the inbox list's preview follows the edit, then the deletion.
    const preview = async () => (await db.select({ p: conversations.lastMessagePreview }).from(conversations).where(eq(conversations.id, edited!.conversationId)))[0]!.p;
    expect(await preview()).toBe("Posso cambiare il posto sul volo di dopodomani?");
    await deliverSigned(db, fixture("inbound-revoke.json"));
    expect(await preview()).toBe(DELETED_PREVIEW);
    const deleted = await byWamid(ORIGINAL);
    expect(deleted).toMatchObject({ text: null, payload: null });
    expect(deleted!.revokedAt).toBeInstanceOf(Date);
    // The edit and the deletion are changes, not messages of their own.
    const all = await db.select({ id: messages.id }).from(messages).where(eq(messages.conversationId, deleted!.conversationId));
    expect(all).toHaveLength(1);
  });

  it("an echo from the WhatsApp Business app is an outbound message, already sent, that answers without touching the window", async () => {
    const db = database.db;
    const original = await byWamid(ORIGINAL);
    const [before] = await db.select().from(conversations).where(eq(conversations.id, original!.conversationId));
    await deliverSigned(db, fixture("smb-message-echoes.json"));
    const echo = await byWamid(ECHO);
    expect(echo).toMatchObject({ direction: "outbound", echo: true, status: "sent", conversationId: original!.conversationId, text: "Buongiorno Giulia, le abbiamo riservato il posto 12A." });
    const [after] = await db.select().from(conversations).where(eq(conversations.id, original!.conversationId));
    expect(after).toMatchObject({ lastMessageDirection: "outbound", unreadCount: 0, waitingSince: null });
    expect(after!.lastInboundAt?.toISOString()).toBe(before!.lastInboundAt?.toISOString());
  });

  it("a Flow's answers, an ad referral, a first opening and an unsupported type are messages, not 'unsupported'", async () => {
    const db = database.db;
    const drained = await deliverSigned(db, fixture("inbound-interactive-nfm-reply.json"), fixture("inbound-referral-ad.json"), fixture("inbound-request-welcome.json"), fixture("inbound-unsupported-2026.json"));
    expect(drained).toMatchObject({ failed: 0 });
    const flow = await byWamid("wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUTkZNMDAwMDAwMDAwMDAwMDAwMQA=");
    expect(flow).toMatchObject({ kind: "interactive", text: expect.stringContaining("seat preference: window") });
    expect(flow!.text).not.toBe("Sent");
    const ad = await byWamid("wamid.HBgVSVQuODgxMjAwMzQ0NTU2Njc3ODg5OTAVAgASGBRSRUZFUlJBTDAwMDAwMDAwMDAxAA==");
    expect(ad).toMatchObject({ kind: "text" });
    expect(ad!.payload).toMatchObject({ referral: { headline: "Voli per Lisbona da 39 €", source_type: "ad", ctwa_clid: expect.any(String) } });
    const welcome = await byWamid("wamid.HBgVSVQuODgxMjAwMzQ0NTU2Njc3ODg5OTAVAgASGBRXRUxDT01FMDAwMDAwMDAwMDAxAA==");
    expect(welcome).toMatchObject({ kind: "request_welcome" });
    const unsupported = await byWamid("wamid.HBgMMzkzNDcxMjM0NTY3FQIAEhgUVU5TVVBQT1JURUQwMDAwMDAwMQA=");
    expect(unsupported).toMatchObject({ kind: "unsupported" });
    expect(unsupported!.payload).toMatchObject({ unsupported: { type: "poll_creation" }, errors: [expect.objectContaining({ code: 131051 })] });
  });

  it("statuses keep what WhatsApp charges; a status addressed only by BSUID still finds its message", async () => {
    const db = database.db;
    const { seedOutbound } = await import("./test-helpers");
    const out = await seedOutbound(db, seed, "393470000077", ["wamid.OUTBOUND2026TPL0001", "wamid.OUTBOUND2026BSUID01"]);
    await deliverSigned(db, fixture("status-sent-pricing.json"), fixture("status-delivered-bsuid.json"));
    const tpl = await byWamid("wamid.OUTBOUND2026TPL0001");
    expect(tpl).toMatchObject({ pricing: { category: "utility", type: "regular", model: "PMP", billable: true } });
    const bsuid = await byWamid("wamid.OUTBOUND2026BSUID01");
    expect(bsuid).toMatchObject({ status: "delivered", pricing: { category: "service", type: "free_customer_service", billable: false } });
    expect(bsuid!.conversationId).toBe(out.conversationId);
  });

  it("a number change and a user id change: the same contact, known by the new identifiers, in the same conversation", async () => {
    const db = database.db;
    const giulia = await byWamid(ORIGINAL);
    const marta = await byWamid(USERNAME_ONLY);
    const before = await people();
    // The security-code notice names Giulia as she is known until her number changes (it comes first).
    const drained = await deliverSigned(db, fixture("inbound-system-customer-identity-changed.json"), fixture("inbound-system-customer-changed-number.json"), fixture("inbound-system-user-changed-user-id.json"));
    expect(drained).toMatchObject({ processed: 3, failed: 0 });
    await expectIdentities();
    expect(await people()).toBe(before);
    // Each notice is in the conversation of the person it is about.
    expect((await byWamid(CHANGED_NUMBER))!.conversationId).toBe(giulia!.conversationId);
    expect((await byWamid(CHANGED_USER_ID))!.conversationId).toBe(marta!.conversationId);
  });

  it("everything again, twice, in reverse order: nothing changes", async () => {
    const db = database.db;
    const names = [
      "inbound-text-username-only.json", "inbound-text-phone-and-bsuid.json", "inbound-edit.json", "inbound-revoke.json", "smb-message-echoes.json",
      "inbound-interactive-nfm-reply.json", "inbound-referral-ad.json", "inbound-request-welcome.json", "inbound-unsupported-2026.json",
      "inbound-system-customer-identity-changed.json", "status-delivered-bsuid.json", "status-sent-pricing.json", "template-quality-update.json",
      "template-category-update.json", "change-errors.json", "inbound-system-customer-changed-number.json", "inbound-system-user-changed-user-id.json",
    ];
    const snapshot = async () => JSON.stringify(await db.select({ id: messages.id, text: messages.text, editedAt: messages.editedAt, revokedAt: messages.revokedAt, echo: messages.echo }).from(messages).orderBy(messages.id));
    const identities = async () => JSON.stringify(await db.select().from(contacts).where(eq(contacts.workspaceId, seed.workspaceId)).orderBy(contacts.id));
    // Once in order (all known by now: nothing new), then the test proper.
    expect((await deliverSigned(db, ...names.map(fixture))).failed).toBe(0);
    const [before, n, who] = [await snapshot(), await people(), await identities()];
    const reversed = [...names].reverse().map(fixture);
    const drained = await deliverSigned(db, ...reversed, ...reversed);
    expect(drained.failed).toBe(0);
    expect(await snapshot()).toBe(before);
    expect(await people()).toBe(n);
    expect(await identities()).toBe(who);
    // The identity changes replayed (older notices naming the old identifiers) undo nothing,
    // and each notice is one message however often it came.
    await expectIdentities();
    for (const wamid of [CHANGED_NUMBER, CHANGED_USER_ID, IDENTITY_CHANGED]) {
      expect(await db.select({ id: messages.id }).from(messages).where(eq(messages.providerMessageId, wamid)), wamid).toHaveLength(1);
    }
  });

  it("a deletion or an edit that arrives before its message: the message is stored as the change left it", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedChannel(fresh.db);
      await deliverSigned(fresh.db, fixture("inbound-edit.json"));
      const [edited] = await fresh.db.select().from(messages).where(eq(messages.providerMessageId, ORIGINAL));
      expect(edited).toMatchObject({ text: "Posso cambiare il posto sul volo di dopodomani?" });
      expect(edited!.editedAt).toBeInstanceOf(Date);
      // The original, later: already known, changes nothing. Then the deletion applies.
      const drained = await deliverSigned(fresh.db, fixture("inbound-text-phone-and-bsuid.json"), fixture("inbound-revoke.json"));
      expect(drained.failed).toBe(0);
      const [after] = await fresh.db.select().from(messages).where(eq(messages.providerMessageId, ORIGINAL));
      expect(after).toMatchObject({ id: edited!.id, text: null });
      expect(after!.revokedAt).toBeInstanceOf(Date);
    } finally {
      await fresh.close();
    }
  });

  it("a deletion that arrives first wins over the message and an edit arriving after it", async () => {
    const fresh = await createTestDatabase();
    try {
      await seedChannel(fresh.db);
      // One delivery with everything out of order: deletion, edit, then the original.
      const drained = await deliverSigned(fresh.db, fixture("inbound-revoke.json"), fixture("inbound-edit.json"), fixture("inbound-text-phone-and-bsuid.json"));
      expect(drained.failed).toBe(0);
      const [m] = await fresh.db.select().from(messages).where(eq(messages.providerMessageId, ORIGINAL));
      expect(m).toMatchObject({ text: null });
      expect(m!.revokedAt).toBeInstanceOf(Date);
    } finally {
      await fresh.close();
    }
  });

  // KNOWN BUG (lib/conversations/contact-identity.ts, applyIdentityChange): a number change
  // forgets the old identifiers, so a message older than the change that arrives after it (Meta
  // does not deliver in order) creates a second contact and conversation for the old phone/BSUID.
  // The same happens inside one drain, where process-webhook records echoes after all inbound
  // messages. Flip to `it` once identity changes keep the old identifiers.
  it("a message older than a number change, arriving after it, is the same customer", async () => {
    const fresh = await createTestDatabase();
    try {
      const s = await seedChannel(fresh.db);
      await deliverSigned(fresh.db, fixture("inbound-system-customer-changed-number.json"));
      await deliverSigned(fresh.db, fixture("inbound-text-phone-and-bsuid.json"));
      expect(await fresh.db.select({ id: contacts.id }).from(contacts).where(eq(contacts.workspaceId, s.workspaceId))).toHaveLength(1);
      expect(await fresh.db.select({ id: conversations.id }).from(conversations)).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
