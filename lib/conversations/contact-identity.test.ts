import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, or } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { contacts, conversations, messages } from "@/lib/db/schema";
import type { Database, Db } from "@/lib/db/types";
import { ingest, notification, seedChannel, seedOutbound, type Seed } from "@/lib/ingest/test-helpers";

// One customer is one contact whatever identifiers Meta sends (2026: business-scoped user ids,
// phone withheld for customers with a username). Driven through the real pipeline: signed-off
// notifications stored, parsed by the adapter, recorded by the inbox.

let database: Database;
let seed: Seed;
beforeAll(async () => {
  database = await createTestDatabase();
  seed = await seedChannel(database.db);
});
afterAll(async () => {
  await database?.close();
});

let n = 0;
const T0 = 1_796_000_000;
type Who = { phone?: string; bsuid?: string; username?: string; name?: string };

/** A text from a customer known by phone, by BSUID or both, shaped as Meta sends it. */
function textFrom(who: Who, body: string) {
  const id = `wamid.IDENT${++n}`;
  const contact: Record<string, unknown> = { profile: { name: who.name ?? "Giulia", ...(who.username ? { username: who.username } : {}) } };
  if (who.phone) contact.wa_id = who.phone;
  if (who.bsuid) contact.user_id = who.bsuid;
  const message: Record<string, unknown> = { id, timestamp: String(T0 + n), type: "text", text: { body } };
  if (who.phone) message.from = who.phone;
  if (who.bsuid) message.from_user_id = who.bsuid;
  return notification({ contacts: [contact], messages: [message] });
}

async function contactsOf(db: Db, who: Who) {
  const conds = [who.phone ? eq(contacts.waId, who.phone) : undefined, who.bsuid ? eq(contacts.bsuid, who.bsuid) : undefined].filter((c) => !!c);
  return db.select().from(contacts).where(or(...conds));
}

async function threadOf(db: Db, contactId: string) {
  const convs = await db.select().from(conversations).where(eq(conversations.contactId, contactId));
  const texts = convs.length ? await db.select({ text: messages.text }).from(messages).where(eq(messages.conversationId, convs[0]!.id)).orderBy(messages.createdAt) : [];
  return { convs, texts: texts.map((t) => t.text) };
}

describe("a customer is one contact whatever identifiers Meta sends", () => {
  it("a username-only customer (BSUID, no phone) gets a conversation, shown by username", async () => {
    const db = database.db;
    const who = { bsuid: "IT.7710293847561029384", username: "giulia.viaggia", name: "Giulia" };
    await ingest(db, textFrom(who, "Ciao, sono senza numero"));
    const [c, ...rest] = await contactsOf(db, who);
    expect(rest).toHaveLength(0);
    expect(c).toMatchObject({ waId: null, phone: null, bsuid: who.bsuid, username: "giulia.viaggia" });
    expect((await threadOf(db, c!.id)).texts).toEqual(["Ciao, sono senza numero"]);
  });

  it("phone first, then the BSUID alone, then both: one contact, one conversation", async () => {
    const db = database.db;
    const phone = "393471110001";
    const bsuid = "IT.1000000000000000001";
    await ingest(db, textFrom({ phone }, "1 by phone"));
    await ingest(db, textFrom({ phone, bsuid }, "2 by both"));
    // Later the phone is withheld: the BSUID alone must find the same person.
    await ingest(db, textFrom({ bsuid, username: "marco_r" }, "3 by BSUID"));
    const found = await contactsOf(db, { phone, bsuid });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ waId: phone, bsuid, username: "marco_r" });
    const { convs, texts } = await threadOf(db, found[0]!.id);
    expect(convs).toHaveLength(1);
    expect(texts).toEqual(["1 by phone", "2 by both", "3 by BSUID"]);
  });

  it("BSUID first, then the phone alone, then both: the two contacts become one", async () => {
    const db = database.db;
    const phone = "393471110002";
    const bsuid = "IT.1000000000000000002";
    await ingest(db, textFrom({ bsuid }, "a by BSUID"));
    await ingest(db, textFrom({ phone }, "b by phone"));
    expect(await contactsOf(db, { phone, bsuid })).toHaveLength(2); // nothing links them yet
    await ingest(db, textFrom({ phone, bsuid }, "c by both"));
    const found = await contactsOf(db, { phone, bsuid });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ waId: phone, bsuid });
    // Both earlier threads belong to the one person now (each customer has one live thread per
    // number, so the BSUID-only one keeps its own conversation record, under the same contact or alone).
    const all = await database.db.select().from(conversations).where(eq(conversations.contactId, found[0]!.id));
    expect(all.length).toBeGreaterThanOrEqual(1);
    expect((await threadOf(db, found[0]!.id)).texts).toContain("c by both");
  });

  it("a number change (system message) moves the person to the new phone and BSUID", async () => {
    const db = database.db;
    const oldPhone = "393471110003";
    const newPhone = "393471119999";
    await ingest(db, textFrom({ phone: oldPhone, bsuid: "IT.1000000000000000003" }, "before"));
    const change = notification({
      messages: [{ from: oldPhone, id: `wamid.IDENT${++n}`, timestamp: String(T0 + n), type: "system", system: { body: "Giulia changed from +39 347 111 0003 to +39 347 111 9999", type: "customer_changed_number", wa_id: newPhone, user_id: "IT.2000000000000000003" } }],
    });
    await ingest(db, change);
    await ingest(db, textFrom({ phone: newPhone, bsuid: "IT.2000000000000000003" }, "after"));
    const found = await contactsOf(db, { phone: newPhone });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ waId: newPhone, phone: newPhone, bsuid: "IT.2000000000000000003" });
    expect(await contactsOf(db, { phone: oldPhone })).toHaveLength(0);
    const { convs, texts } = await threadOf(db, found[0]!.id);
    expect(convs).toHaveLength(1);
    expect(texts).toEqual(["before", "Giulia changed from +39 347 111 0003 to +39 347 111 9999", "after"]);
  });

  it("identifiers left behind by a change: a late message sent before it is the same person; after it, the old number may be someone else's", async () => {
    const db = database.db;
    const oldPhone = "393471110010";
    const oldBsuid = "IT.1000000000000000010";
    await ingest(db, textFrom({ phone: oldPhone, bsuid: oldBsuid }, "one"));
    const late = textFrom({ phone: oldPhone, bsuid: oldBsuid }, "two, sent before the change, delivered after it");
    const lateByPhone = notification({ contacts: [{ profile: { name: "Giulia" }, wa_id: oldPhone }], messages: [{ from: oldPhone, id: `wamid.IDENT${++n}`, timestamp: String(T0 + n), type: "text", text: { body: "three, phone only" } }] });
    const change = systemFrom({ phone: oldPhone, bsuid: oldBsuid }, { body: "Giulia changed their number", type: "customer_changed_number", wa_id: "393471110011", user_id: "IT.2000000000000000010" });
    await ingest(db, change, late, lateByPhone);
    const [giulia, ...rest] = await contactsOf(db, { phone: "393471110011" });
    expect(rest).toHaveLength(0);
    expect((await threadOf(db, giulia!.id)).texts).toEqual(["one", "two, sent before the change, delivered after it", "three, phone only", "Giulia changed their number"]);
    expect(await contactsOf(db, { phone: oldPhone, bsuid: oldBsuid })).toHaveLength(0);
    // Later, the old number is another person's (a new BSUID): a new contact, not Giulia.
    await ingest(db, textFrom({ phone: oldPhone, bsuid: "IT.9000000000000000010", name: "Paolo" }, "hello, new here"));
    const [paolo] = await contactsOf(db, { phone: oldPhone });
    expect(paolo!.id).not.toBe(giulia!.id);
    expect((await threadOf(db, paolo!.id)).texts).toEqual(["hello, new here"]);
  });

  it("the same notifications twice and out of order change nothing more", async () => {
    const db = database.db;
    const who = { phone: "393471110004", bsuid: "IT.1000000000000000004" };
    const a = textFrom({ bsuid: who.bsuid }, "x");
    const b = textFrom(who, "y");
    await ingest(db, b, a, b, a);
    const found = await contactsOf(db, who);
    expect(found).toHaveLength(1);
    expect((await threadOf(db, found[0]!.id)).texts.sort()).toEqual(["x", "y"]);
  });

  it("a notice is a line in the latest thread: no unread, no new preview, no conversation of its own", async () => {
    const db = database.db;
    const who = { phone: "393471110005", bsuid: "IT.1000000000000000005" };
    await ingest(db, textFrom(who, "first"));
    const [c] = await contactsOf(db, who);
    const [before] = (await threadOf(db, c!.id)).convs;
    await ingest(db, systemFrom(who, { body: "Giulia changed their user id", type: "user_changed_user_id", user_id: "IT.3000000000000000005" }));
    const { convs, texts } = await threadOf(db, c!.id);
    expect(convs).toHaveLength(1);
    expect(texts).toEqual(["first", "Giulia changed their user id"]);
    expect(convs[0]).toMatchObject({ unreadCount: before!.unreadCount, lastMessagePreview: before!.lastMessagePreview, lastMessageAt: before!.lastMessageAt });
    // user_changed_user_id: the same person under the new BSUID; the phone stays.
    const [moved, ...others] = await contactsOf(db, { bsuid: "IT.3000000000000000005" });
    expect(others).toHaveLength(0);
    expect(moved).toMatchObject({ id: c!.id, waId: who.phone, bsuid: "IT.3000000000000000005" });
    expect(await contactsOf(db, { bsuid: who.bsuid })).toHaveLength(0);
  });

  it("customer_identity_changed marks the contact (the latest time, twice and out of order) and keeps the thread quiet", async () => {
    const db = database.db;
    const who = { phone: "393471110006", bsuid: "IT.1000000000000000006" };
    await ingest(db, textFrom(who, "hello"));
    const early = systemFrom(who, { body: "User identity changed", type: "customer_identity_changed", wa_id: who.phone, user_id: who.bsuid }, { acknowledged: false, created_timestamp: String(T0), hash: "aaa=" });
    const late = systemFrom(who, { body: "User identity changed", type: "customer_identity_changed", wa_id: who.phone, user_id: who.bsuid }, { acknowledged: false, created_timestamp: String(T0), hash: "bbb=" });
    await ingest(db, late, early, late);
    const [c, ...rest] = await contactsOf(db, who);
    expect(rest).toHaveLength(0);
    expect(c!.identityChangedAt?.getTime()).toBe((T0 + n) * 1000);
    const { convs, texts } = await threadOf(db, c!.id);
    expect(texts).toEqual(["hello", "User identity changed", "User identity changed"]);
    expect(convs[0]!.unreadCount).toBe(1);
    const [stored] = await db.select({ payload: messages.payload }).from(messages).where(eq(messages.providerMessageId, idOf(late)));
    expect(stored!.payload).toMatchObject({ type: "customer_identity_changed", identity: { hash: "bbb=" } });
  });
});

describe("edits and deletions come only from the message's author", () => {
  function operation(who: Who, kind: "edit" | "revoke", target: string) {
    const id = `wamid.IDENT${++n}`;
    const body = kind === "edit" ? { edit: { original_message_id: target, message: { type: "text", text: { body: "hijacked" } } } } : { revoke: { original_message_id: target } };
    const message: Record<string, unknown> = { id, timestamp: String(T0 + n), type: kind, ...body };
    if (who.phone) message.from = who.phone;
    if (who.bsuid) message.from_user_id = who.bsuid;
    return notification({ contacts: [{ profile: { name: "Mallory" }, ...(who.phone ? { wa_id: who.phone } : {}), ...(who.bsuid ? { user_id: who.bsuid } : {}) }], messages: [message] });
  }
  const textOf = async (wamid: string) =>
    (await database.db.select({ text: messages.text, revokedAt: messages.revokedAt, editedAt: messages.editedAt }).from(messages).where(eq(messages.providerMessageId, wamid)))[0];

  it("a customer cannot edit or delete our reply, nor another customer's message; their own, they can", async () => {
    const db = database.db;
    await seedOutbound(db, seed, "393471110007", ["wamid.OURS7"]);
    const ours = await textOf("wamid.OURS7");
    const victim = { phone: "393471110008", bsuid: "IT.1000000000000000008" };
    await ingest(db, textFrom(victim, "my own words"));
    const victimWamid = `wamid.IDENT${n}`;
    const mallory = { phone: "393471110009", bsuid: "IT.1000000000000000009" };
    await ingest(db, operation(mallory, "edit", "wamid.OURS7"), operation(mallory, "revoke", "wamid.OURS7"), operation(mallory, "edit", victimWamid), operation(mallory, "revoke", victimWamid));
    // Even the customer we wrote to cannot change what we sent.
    await ingest(db, operation({ phone: "393471110007" }, "revoke", "wamid.OURS7"));
    expect(await textOf("wamid.OURS7")).toEqual(ours);
    expect(await textOf(victimWamid)).toMatchObject({ text: "my own words", revokedAt: null, editedAt: null });
    // The author (known by their BSUID alone now) edits, then deletes.
    await ingest(db, operation({ bsuid: victim.bsuid }, "edit", victimWamid));
    expect(await textOf(victimWamid)).toMatchObject({ text: "hijacked", revokedAt: null });
    await ingest(db, operation({ phone: victim.phone }, "revoke", victimWamid));
    expect((await textOf(victimWamid))!.revokedAt).not.toBeNull();
  });
});

function systemFrom(who: Who, system: Record<string, unknown>, identity?: Record<string, unknown>) {
  const id = `wamid.IDENT${++n}`;
  const message: Record<string, unknown> = { id, timestamp: String(T0 + n), type: "system", system, ...(identity ? { identity } : {}) };
  if (who.phone) message.from = who.phone;
  if (who.bsuid) message.from_user_id = who.bsuid;
  return notification({ contacts: [{ profile: { name: "Giulia" }, ...(who.phone ? { wa_id: who.phone } : {}), ...(who.bsuid ? { user_id: who.bsuid } : {}) }], messages: [message] });
}

const idOf = (body: string) => ((JSON.parse(body) as { entry: { changes: { value: { messages: { id: string }[] } }[] }[] }).entry[0]!.changes[0]!.value.messages[0]!.id);
