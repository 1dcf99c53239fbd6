import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { bookings, channels, contacts, conversations, messages, teamMemberships, teams, users, workspaces } from "@/lib/db/schema";
import { createBookingSchema, legSchema } from "@/lib/bookings/schemas";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase } from "@/lib/testing/db";
import { DEMO_PASSWORD, DEMO_USERS, isDatabaseEmpty, seedDemoWorkspace, type SeedSummary } from "./seed";

const NOW = new Date("2025-06-12T09:30:00.000Z");
const DAY = 24 * 60 * 60 * 1000;

type ConversationRow = typeof conversations.$inferSelect;
type MessageRow = typeof messages.$inferSelect;

async function load(db: Db) {
  const convs = await db.select().from(conversations).orderBy(asc(conversations.createdAt), asc(conversations.id));
  const msgs = await db.select().from(messages).orderBy(asc(messages.createdAt), asc(messages.id));
  const byConversation = new Map<string, MessageRow[]>();
  for (const m of msgs) {
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(m);
    byConversation.set(m.conversationId, list);
  }
  return { convs, msgs, byConversation };
}

/** The denormalised fields, recomputed from the messages by the rules in the brief. */
function expectedFields(c: ConversationRow, list: MessageRow[]) {
  const last = list[list.length - 1]!;
  const inbound = list.filter((m) => m.direction === "inbound");
  const lastOutIdx = list.findLastIndex((m) => m.direction === "outbound");
  const inboundSinceReply = list.slice(lastOutIdx + 1).filter((m) => m.direction === "inbound");
  const newestExternal = list.findLast((m) => m.direction !== "internal");
  const firstIn = inbound[0];
  const firstResponse = firstIn ? list.find((m) => m.direction === "outbound" && m.createdAt > firstIn.createdAt) : undefined;
  return {
    lastMessageAt: last.createdAt.getTime(),
    lastMessagePreview: last.text === null ? null : Array.from(last.text).slice(0, 140).join(""),
    lastMessageDirection: last.direction,
    lastInboundAt: inbound.at(-1)?.createdAt.getTime() ?? null,
    waitingSince: newestExternal?.direction === "inbound" ? (inboundSinceReply[0]?.createdAt.getTime() ?? null) : null,
    firstResponseAt: firstResponse?.createdAt.getTime() ?? null,
    unreadCount: c.status === "resolved" ? 0 : inboundSinceReply.length,
  };
}

function actualFields(c: ConversationRow) {
  return {
    lastMessageAt: c.lastMessageAt.getTime(),
    lastMessagePreview: c.lastMessagePreview,
    lastMessageDirection: c.lastMessageDirection,
    lastInboundAt: c.lastInboundAt?.getTime() ?? null,
    waitingSince: c.waitingSince?.getTime() ?? null,
    firstResponseAt: c.firstResponseAt?.getTime() ?? null,
    unreadCount: c.unreadCount,
  };
}

describe("seedDemoWorkspace", () => {
  let a: Database;
  let b: Database;
  let summary: SeedSummary;
  let emptyBefore: boolean;

  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    emptyBefore = await isDatabaseEmpty(a.db);
    summary = await seedDemoWorkspace(a.db, { now: NOW });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  it("flips isDatabaseEmpty", async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(a.db)).toBe(false);
  });

  it("creates the people, teams and channel", async () => {
    const db = a.db;
    const allUsers = await db.select().from(users);
    expect(allUsers).toHaveLength(8);
    expect(summary.users).toBe(8);
    expect(allUsers.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(allUsers.filter((u) => u.role === "admin")).toHaveLength(1);
    expect(allUsers.filter((u) => u.role === "lead")).toHaveLength(2);
    expect(allUsers.filter((u) => u.role === "agent")).toHaveLength(5);
    expect(new Set(allUsers.map((u) => u.availability))).toEqual(new Set(["online", "away", "offline"]));

    const allTeams = await db.select().from(teams);
    expect(allTeams.map((t) => t.name).sort()).toEqual(["Bookings", "Payments"]);
    const memberships = await db.select().from(teamMemberships);
    for (const team of allTeams) {
      const members = memberships.filter((m) => m.teamId === team.id).map((m) => allUsers.find((u) => u.id === m.userId)!);
      expect(members.filter((u) => u.role === "lead")).toHaveLength(1);
      expect(members.filter((u) => u.role === "agent").length).toBeGreaterThan(0);
    }

    const [channel] = await db.select().from(channels);
    expect(channel).toMatchObject({
      phoneNumberId: "106540352242922",
      displayPhoneNumber: "+39 06 8888 0000",
      verifiedName: "Volo Azzurro",
      verified: true,
      wabaId: "102290129340398",
    });
  });

  it("runs its teams with auto-assignment: capacities, availability times, and a queue of what nobody holds", async () => {
    const allTeams = await a.db.select().from(teams);
    expect(allTeams.every((t) => t.autoAssign)).toBe(true);
    const allUsers = await a.db.select().from(users);
    for (const u of allUsers) {
      expect(u.capacity).toBe(DEMO_USERS.find((d) => d.email === u.email)!.capacity);
      expect(u.availabilityChangedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    const convs = await a.db.select().from(conversations);
    const queued = convs.filter((c) => c.queuedAt !== null);
    expect(queued.length).toBeGreaterThan(0);
    for (const c of queued) expect(c).toMatchObject({ assigneeId: null, teamId: expect.any(String), status: expect.stringMatching(/^(open|pending)$/) });
    for (const c of convs) expect(c.assignedAt === null).toBe(c.assigneeId === null);
  });

  it("hashes the demo password", async () => {
    const [admin] = await a.db.select().from(users).where(eq(users.email, "admin@voloazzurro.it"));
    expect(admin?.name).toBe("Alessandra Conti");
    expect(await verifyPassword(DEMO_PASSWORD, admin!.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-password", admin!.passwordHash)).toBe(false);
  });

  it("creates about 60 contacts and 80 conversations in every status", async () => {
    const allContacts = await a.db.select().from(contacts);
    expect(allContacts.length).toBeGreaterThanOrEqual(55);
    expect(allContacts.length).toBeLessThanOrEqual(65);
    // Everyone has a phone number, but one customer WhatsApp knows only by username (2026).
    const usernameOnly = allContacts.filter((c) => c.waId === null);
    expect(usernameOnly).toHaveLength(1);
    expect(usernameOnly[0]).toMatchObject({ phone: null, bsuid: expect.stringMatching(/^IT\.\d{20}$/), username: expect.stringMatching(/^[a-z]+\.in\.viaggio$/) });
    for (const c of allContacts.filter((k) => k.waId !== null)) {
      expect(c.waId).toMatch(/^[1-9]\d{9,14}$/);
      expect(c.phone).toBe(c.waId);
    }
    expect(allContacts.filter((c) => c.waId?.startsWith("393")).length).toBeGreaterThan(allContacts.length / 2);
    // One customer's WhatsApp security code changed: the contact says when.
    expect(allContacts.filter((c) => c.identityChangedAt !== null)).toHaveLength(1);

    const { convs, msgs } = await load(a.db);
    expect(convs.length).toBeGreaterThanOrEqual(75);
    expect(convs.length).toBeLessThanOrEqual(85);
    expect(summary.conversations).toBe(convs.length);
    expect(summary.messages).toBe(msgs.length);
    expect(new Set(convs.map((c) => c.status))).toEqual(new Set(["open", "pending", "snoozed", "resolved"]));
    expect(new Set(convs.map((c) => c.priority))).toEqual(new Set(["low", "normal", "high", "urgent"]));
    expect(convs.some((c) => c.assigneeId === null)).toBe(true);
    expect(convs.some((c) => c.assigneeId !== null)).toBe(true);
    expect(convs.filter((c) => c.teamId !== null).length).toBeGreaterThan(convs.length * 0.8);
  });

  it("keeps the denormalised conversation fields consistent with the messages", async () => {
    const { convs, byConversation } = await load(a.db);
    for (const c of convs) {
      const list = byConversation.get(c.id) ?? [];
      const external = list.filter((m) => m.direction !== "internal");
      expect(external.length, c.id).toBeGreaterThanOrEqual(2);
      expect(list.length, c.id).toBeLessThanOrEqual(12);
      expect(actualFields(c), c.id).toEqual(expectedFields(c, list));
      expect(c.createdAt.getTime()).toBe(list[0]!.createdAt.getTime());

      if (c.status === "resolved") expect(c.resolvedAt).not.toBeNull();
      else expect(c.resolvedAt).toBeNull();
      if (c.status === "snoozed") expect(c.snoozedUntil!.getTime()).toBeGreaterThan(NOW.getTime());
      else expect(c.snoozedUntil).toBeNull();
    }
    // Some conversations wait on us, some of them with several unread messages.
    expect(convs.filter((c) => c.waitingSince !== null).length).toBeGreaterThan(5);
    expect(convs.some((c) => c.unreadCount > 1)).toBe(true);
  });

  it("writes believable messages", async () => {
    const { msgs } = await load(a.db);
    const staff = new Set((await a.db.select({ id: users.id }).from(users)).map((u) => u.id));
    for (const m of msgs) {
      const t = m.createdAt.getTime();
      expect(t).toBeLessThanOrEqual(NOW.getTime());
      expect(t).toBeGreaterThan(NOW.getTime() - 11 * DAY);
      if (m.direction === "inbound") {
        // Text, and one WhatsApp notice (a customer's security code changed).
        expect(m).toMatchObject({ authorType: "customer", authorUserId: null, kind: m.kind === "system" ? "system" : "text", status: null });
        expect(m.providerMessageId).toMatch(/^wamid\.[A-Za-z0-9+/=]+$/);
      } else if (m.direction === "outbound") {
        expect(m.authorType).toBe("agent");
        expect(staff.has(m.authorUserId!)).toBe(true);
        expect(m.kind).toBe("text");
        expect(["sent", "delivered", "read", "failed"]).toContain(m.status);
        if (m.status !== "failed") expect(m.providerMessageId).toMatch(/^wamid\./);
        if (m.status === "failed") expect(m.error).toEqual({ code: 131047, title: "Re-engagement message", message: expect.any(String) });
      } else {
        expect(m).toMatchObject({ authorType: "system", kind: "event" });
        expect(m.payload).toMatchObject({ action: "assigned" });
        expect(m.text).toMatch(/ assigned this conversation to /);
      }
    }
    expect(msgs.filter((m) => m.kind === "system").map((m) => (m.payload as { type: string }).type)).toEqual(["customer_identity_changed"]);
    const outbound = msgs.filter((m) => m.direction === "outbound");
    expect(outbound.filter((m) => m.status === "failed").length).toBeGreaterThanOrEqual(2);
    expect(outbound.filter((m) => m.status === "sent").length).toBeGreaterThanOrEqual(2);
    expect(outbound.filter((m) => m.status === "delivered" || m.status === "read").length).toBeGreaterThan(outbound.length * 0.8);
    expect(msgs.filter((m) => m.direction === "internal").length).toBeGreaterThanOrEqual(3);
    expect(msgs.some((m) => m.createdAt.getTime() > NOW.getTime() - 60 * 60 * 1000)).toBe(true);
  });

  it("shows 2026's WhatsApp: an edited message and a customer from a click-to-WhatsApp ad, in live conversations", async () => {
    const { convs, msgs } = await load(a.db);
    const live = new Set(convs.filter((c) => c.status === "open" || c.status === "pending").map((c) => c.id));
    const edited = msgs.filter((m) => m.editedAt);
    expect(edited).toHaveLength(1);
    expect(live.has(edited[0]!.conversationId)).toBe(true);
    expect(edited[0]!.history).toEqual([expect.objectContaining({ text: expect.any(String) })]);
    expect(edited[0]!.history![0]!.text).not.toBe(edited[0]!.text);
    expect(edited[0]!.editedAt!.getTime()).toBeGreaterThan(edited[0]!.createdAt.getTime());
    const fromAd = msgs.filter((m) => (m.payload as { referral?: unknown } | null)?.referral);
    expect(fromAd).toHaveLength(1);
    expect(fromAd[0]!.payload).toMatchObject({ referral: { source_type: "ad", headline: expect.any(String), ctwa_clid: expect.any(String) } });
    expect(live.has(fromAd[0]!.conversationId)).toBe(true);
  });

  it("gives a contact at most one live conversation, older ones resolved", async () => {
    const { convs } = await load(a.db);
    const byContact = new Map<string, ConversationRow[]>();
    for (const c of convs) byContact.set(c.contactId, [...(byContact.get(c.contactId) ?? []), c]);
    expect([...byContact.values()].some((list) => list.length > 1)).toBe(true);
    for (const list of byContact.values()) {
      list.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
      expect(list.filter((c) => c.status !== "resolved").length).toBeLessThanOrEqual(1);
      list.slice(0, -1).forEach((c, i) => {
        expect(c.status).toBe("resolved");
        expect(c.lastMessageAt.getTime()).toBeLessThan(list[i + 1]!.createdAt.getTime());
      });
    }
  });

  it("gives most contacts one or two valid bookings, the one their newest conversation talks about first", async () => {
    const rows = await a.db.select().from(bookings);
    const all = await a.db.select().from(contacts);
    expect(summary.bookings).toBe(rows.length);
    const byContact = new Map<string, (typeof rows)[number][]>();
    for (const r of rows) byContact.set(r.contactId, [...(byContact.get(r.contactId) ?? []), r]);
    expect(byContact.size / all.length).toBeGreaterThan(0.75);
    expect(Math.max(...[...byContact.values()].map((l) => l.length))).toBe(2);
    expect(new Set(rows.map((r) => r.pnr)).size).toBe(rows.length);

    for (const r of rows) {
      const parsed = createBookingSchema.safeParse({ contactId: r.contactId, pnr: r.pnr, status: r.status, passengers: r.passengers, legs: r.legs, totalAmount: r.totalAmount, currency: r.currency });
      expect(parsed.error?.issues ?? [], r.pnr).toEqual([]);
      for (const leg of r.legs) {
        const l = legSchema.parse(leg);
        expect(l.operatingCarrier).toBe("VZ");
        expect(Date.parse(l.arrivalAt)).toBeGreaterThan(Date.parse(l.departureAt));
      }
      expect(r.currency).toBe("EUR");
      expect(r.totalAmount).toBeGreaterThan(0);
    }

    // Some fly within hours, checked in with what the check-in and boarding templates need.
    const soon = rows.filter((r) => {
      const dep = Date.parse((r.legs[0] as { departureAt: string }).departureAt);
      return r.status === "checked_in" && dep > NOW.getTime() && dep - NOW.getTime() < DAY;
    });
    expect(soon.length).toBeGreaterThanOrEqual(5);
    for (const r of soon) {
      const l = legSchema.parse(r.legs[0]);
      expect(l.gate && l.boardingAt).toBeTruthy();
      expect(l.checkins).toHaveLength(r.passengers.length);
      for (const c of l.checkins) expect(c.seat && c.sequence && c.boardingZone).toBeTruthy();
    }

    // The booking a conversation mentions is the customer's: its code appears in the chat.
    const { convs, byConversation } = await load(a.db);
    const live = convs.filter((c) => c.status !== "resolved");
    let mentioned = 0;
    for (const c of live) {
      const text = (byConversation.get(c.id) ?? []).map((m) => m.text ?? "").join("\n");
      const theirs = byContact.get(c.contactId) ?? [];
      expect(theirs.length, "every customer with a live conversation has a booking").toBeGreaterThan(0);
      if (theirs.some((b) => text.includes(b.pnr))) mentioned++;
    }
    expect(mentioned).toBeGreaterThan(live.length / 4);
    // Whatever has landed is flown; nothing flown is still to depart.
    for (const r of rows) {
      const landed = Date.parse((r.legs.at(-1) as { arrivalAt: string }).arrivalAt) < NOW.getTime();
      if (r.status !== "cancelled") expect(r.status === "flown", r.pnr).toBe(landed);
    }
  });

  it("asks for ratings: CSAT on, about 30% of resolved conversations rated 1–5 after they were resolved", async () => {
    const [ws] = await a.db.select({ csatEnabled: workspaces.csatEnabled }).from(workspaces);
    expect(ws!.csatEnabled).toBe(true);
    const { convs } = await load(a.db);
    const resolved = convs.filter((c) => c.status === "resolved");
    const rated = resolved.filter((c) => c.csatRating !== null);
    expect(rated.length / resolved.length).toBeGreaterThan(0.15);
    expect(rated.length / resolved.length).toBeLessThan(0.45);
    expect(new Set(rated.map((c) => c.csatRating))).toEqual(new Set([5, 3, 1]));
    for (const c of rated) {
      expect(c.csatRequestedAt!.getTime()).toBe(c.resolvedAt!.getTime());
      expect(c.csatAnsweredAt!.getTime()).toBeGreaterThanOrEqual(c.csatRequestedAt!.getTime());
      expect(c.csatAnsweredAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(convs.filter((c) => c.status !== "resolved" && c.csatRequestedAt !== null)).toEqual([]);
  });

  it("is deterministic for a given `now`", async () => {
    await seedDemoWorkspace(b.db, { now: NOW });
    const previews = async (db: Db) =>
      (await load(db)).convs.map((c) => [c.createdAt.toISOString(), c.status, c.lastMessagePreview, c.csatRating]);
    expect(await previews(b.db)).toEqual(await previews(a.db));
    const waIds = async (db: Db) => (await db.select({ w: contacts.waId }).from(contacts)).map((r) => r.w).sort();
    expect(await waIds(b.db)).toEqual(await waIds(a.db));
    const trips = async (db: Db) =>
      (await db.select({ p: bookings.pnr, l: bookings.legs, n: bookings.passengers, t: bookings.totalAmount }).from(bookings)).sort((x, y) => x.p.localeCompare(y.p));
    expect(await trips(b.db)).toEqual(await trips(a.db));
  });
});
