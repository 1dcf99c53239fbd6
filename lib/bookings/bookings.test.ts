import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, contacts } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { zodFieldErrors } from "@/lib/errors/app-error";
import { EVENTS_CHANNEL, type RealtimeEvent } from "@/lib/realtime/events";
import { hydrateEvents } from "@/lib/live/hydrate";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { airportCity, airportOf, AIRPORTS } from "./airports";
import { createBooking, updateBooking } from "./mutations";
import { getBooking, listBookings } from "./queries";
import { createBookingSchema, updateBookingSchema, type CreateBookingInput } from "./schemas";

let database: TestDatabase;
let db: Db;
beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(async () => {
  await database?.close();
});

let pnrCounter = 0;
const nextPnr = () => `BK${String(++pnrCounter).padStart(4, "0")}`;

function input(contactId: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    contactId,
    pnr: nextPnr(),
    passengers: [
      { surname: "Rossi", givenName: "Mario" },
      { surname: "Rossi", givenName: "Anna", type: "ADT" },
    ],
    legs: [
      {
        operatingCarrier: "VZ",
        flightNumber: "610",
        from: "FCO",
        to: "LHR",
        departureAt: "2026-12-20T09:10:00+01:00",
        arrivalAt: "2026-12-20T10:55:00Z",
        checkins: [{ passenger: 0, seat: "12A", sequence: 7, boardingZone: "2" }],
      },
    ],
    totalAmount: 24_850,
    currency: "EUR",
    ...over,
  };
}

/** Parses like the route does: a schema failure is the 400 the API would answer. */
function parse(body: Record<string, unknown>): CreateBookingInput {
  return createBookingSchema.parse(body);
}

function fieldsOfFailure(body: Record<string, unknown>) {
  const r = createBookingSchema.safeParse(body);
  expect(r.success).toBe(false);
  return zodFieldErrors(r.error!);
}

async function world() {
  const ws = await makeWorkspace(db);
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
  const { contact, conversation } = await makeConversation(db, ws);
  return { ws, lead, contact, conversation };
}

async function thrown(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected an AppError");
}

describe(`bookings (${testDbKind()})`, () => {
  it("creates a booking, fills the time zones from the airports, and reads it back by id, contact and conversation", async () => {
    const { lead, contact, conversation } = await world();
    const created = await createBooking(db, { actor: lead, input: parse(input(contact.id, { pnr: "abc123" })) });
    expect(created).toMatchObject({ contactId: contact.id, pnr: "ABC123", status: "confirmed", totalAmount: 24_850, currency: "EUR" });
    expect(created.legs[0]).toMatchObject({ fromTimeZone: "Europe/Rome", toTimeZone: "Europe/London", cabin: "Economy", compartmentCode: "Y" });
    expect(created.passengers[0]!.type).toBe("ADT");
    expect(await getBooking(db, { workspaceId: lead.workspaceId, bookingId: created.id })).toEqual(created);
    expect(await listBookings(db, { workspaceId: lead.workspaceId, contactId: contact.id })).toEqual([created]);
    expect(await listBookings(db, { workspaceId: lead.workspaceId, conversationId: conversation.id })).toEqual([created]);
  });

  it("keeps time zones the caller gives, and asks for them for an airport it does not know", async () => {
    const { lead, contact } = await world();
    const given = input(contact.id);
    (given.legs as Record<string, unknown>[])[0]!.toTimeZone = "Europe/Dublin";
    const b = await createBooking(db, { actor: lead, input: parse(given) });
    expect(b.legs[0]).toMatchObject({ fromTimeZone: "Europe/Rome", toTimeZone: "Europe/Dublin" });

    const unknown = input(contact.id);
    (unknown.legs as Record<string, unknown>[])[0]!.to = "XQZ";
    const err = await thrown(createBooking(db, { actor: lead, input: parse(unknown) }));
    expect(err.status).toBe(400);
    expect(err.fields).toEqual({ "legs.0.toTimeZone": ["Unknown airport XQZ: give its time zone."] });
  });

  it("lists the newest departure first, whatever the offsets", async () => {
    const { lead, contact } = await world();
    const leg = (dep: string, arr: string) => [{ operatingCarrier: "VZ", flightNumber: "100", from: "JFK", to: "FCO", departureAt: dep, arrivalAt: arr }];
    // 22:00 in New York on the 1st is 03:00Z on the 2nd: later than 01:00Z, though its text sorts first.
    const late = await createBooking(db, { actor: lead, input: parse(input(contact.id, { legs: leg("2026-12-01T22:00:00-05:00", "2026-12-02T12:00:00+01:00") })) });
    const early = await createBooking(db, { actor: lead, input: parse(input(contact.id, { legs: leg("2026-12-02T01:00:00Z", "2026-12-02T15:00:00+01:00") })) });
    const oldest = await createBooking(db, { actor: lead, input: parse(input(contact.id, { legs: leg("2026-11-02T01:00:00Z", "2026-11-02T15:00:00+01:00") })) });
    const list = await listBookings(db, { workspaceId: lead.workspaceId, contactId: contact.id });
    expect(list.map((b) => b.id)).toEqual([late.id, early.id, oldest.id]);
  });

  it("keeps workspaces apart: another workspace's contact, booking or conversation is unknown", async () => {
    const a = await world();
    const b = await world();
    const mine = await createBooking(db, { actor: a.lead, input: parse(input(a.contact.id)) });

    const strangerContact = await thrown(createBooking(db, { actor: a.lead, input: parse(input(b.contact.id)) }));
    expect(strangerContact.status).toBe(400);
    expect(strangerContact.reason).toBe("booking.unknown_contact");
    expect(strangerContact.fields).toEqual({ contactId: ["Unknown contact."] });

    expect((await thrown(getBooking(db, { workspaceId: b.lead.workspaceId, bookingId: mine.id }))).status).toBe(404);
    expect((await thrown(updateBooking(db, { actor: b.lead, bookingId: mine.id, input: updateBookingSchema.parse({ status: "cancelled" }) }))).status).toBe(404);
    expect((await thrown(listBookings(db, { workspaceId: b.lead.workspaceId, conversationId: a.conversation.id }))).status).toBe(404);
    expect(await listBookings(db, { workspaceId: b.lead.workspaceId, contactId: a.contact.id })).toEqual([]);
    expect((await getBooking(db, { workspaceId: a.lead.workspaceId, bookingId: mine.id })).status).toBe("confirmed");
  });

  it("refuses a PNR already used in the workspace with 409 booking.pnr_taken; another workspace may reuse it", async () => {
    const a = await world();
    const b = await world();
    await createBooking(db, { actor: a.lead, input: parse(input(a.contact.id, { pnr: "DUP123" })) });
    const err = await thrown(createBooking(db, { actor: a.lead, input: parse(input(a.contact.id, { pnr: "dup123" })) }));
    expect(err.status).toBe(409);
    expect(err.reason).toBe("booking.pnr_taken");
    expect(err.params).toEqual({ pnr: "DUP123" });
    expect(err.message).toContain("DUP123");
    await expect(createBooking(db, { actor: b.lead, input: parse(input(b.contact.id, { pnr: "DUP123" })) })).resolves.toMatchObject({ pnr: "DUP123" });
  });

  it("validates the contract: IATA codes, time zones, check-ins, PNR, seats and times", () => {
    const contactId = "00000000-0000-4000-8000-000000000001";
    const withLeg = (patch: Record<string, unknown>) => input(contactId, { legs: [{ ...(input(contactId).legs as Record<string, unknown>[])[0], ...patch }] });
    expect(fieldsOfFailure(withLeg({ from: "Fco" }))).toHaveProperty(["legs.0.from"]);
    expect(fieldsOfFailure(withLeg({ to: "LOND" }))).toHaveProperty(["legs.0.to"]);
    expect(fieldsOfFailure(withLeg({ fromTimeZone: "Europe/Atlantis" }))).toEqual({ "legs.0.fromTimeZone": ["An IANA time zone, such as Europe/Rome."] });
    expect(fieldsOfFailure(withLeg({ checkins: [{ passenger: 2 }] }))).toEqual({ "legs.0.checkins.0.passenger": ["No passenger with that index."] });
    expect(fieldsOfFailure(withLeg({ checkins: [{ passenger: 0 }, { passenger: 0 }] }))).toEqual({
      "legs.0.checkins.1.passenger": ["This passenger is already checked in on this leg."],
    });
    expect(fieldsOfFailure(withLeg({ checkins: [{ passenger: 0, seat: "A12" }] }))).toHaveProperty(["legs.0.checkins.0.seat"]);
    expect(fieldsOfFailure(withLeg({ departureAt: "2026-12-20 09:10" }))).toHaveProperty(["legs.0.departureAt"]);
    expect(fieldsOfFailure(input(contactId, { pnr: "AB-12" }))).toEqual({ pnr: ["5 to 7 letters or digits."] });
    expect(fieldsOfFailure(input(contactId, { pnr: "ABCDEFGH" }))).toHaveProperty("pnr");
    expect(fieldsOfFailure(input(contactId, { currency: "euro" }))).toHaveProperty("currency");
    expect(fieldsOfFailure(input(contactId, { passengers: [] }))).toHaveProperty("passengers");
    expect(fieldsOfFailure(input("not-a-uuid"))).toHaveProperty("contactId");
    expect(updateBookingSchema.safeParse({}).success).toBe(false);
  });

  it("refuses a leg that arrives before it departs", async () => {
    const { lead, contact } = await world();
    const body = input(contact.id);
    (body.legs as Record<string, unknown>[])[0]!.arrivalAt = "2026-12-20T07:00:00Z";
    const err = await thrown(createBooking(db, { actor: lead, input: parse(body) }));
    expect(err.fields).toEqual({ "legs.0.arrivalAt": ["Arrival must be after departure."] });
  });

  it("updates partially, replaces legs and passengers whole, and checks check-ins against the merged booking", async () => {
    const { lead, contact } = await world();
    const b = await createBooking(db, { actor: lead, input: parse(input(contact.id)) });

    const ticketed = await updateBooking(db, { actor: lead, bookingId: b.id, input: updateBookingSchema.parse({ status: "ticketed" }) });
    expect(ticketed).toMatchObject({ status: "ticketed", pnr: b.pnr, passengers: b.passengers, legs: b.legs, totalAmount: 24_850 });
    expect(Date.parse(ticketed.updatedAt)).toBeGreaterThanOrEqual(Date.parse(b.updatedAt));

    // Old legs check in passenger 0 and… a new leg checks in passenger 1 of the old two: fine.
    const newLegs = [
      { operatingCarrier: "VZ", flightNumber: "612", from: "FCO", to: "CDG", departureAt: "2026-12-21T07:00:00Z", arrivalAt: "2026-12-21T09:00:00Z", gate: "B12", checkins: [{ passenger: 1, seat: "3C" }] },
    ];
    const rerouted = await updateBooking(db, { actor: lead, bookingId: b.id, input: updateBookingSchema.parse({ legs: newLegs }) });
    expect(rerouted.legs).toHaveLength(1);
    expect(rerouted.legs[0]).toMatchObject({ to: "CDG", toTimeZone: "Europe/Paris", gate: "B12", checkins: [{ passenger: 1, seat: "3C" }] });
    expect(rerouted.passengers).toHaveLength(2);

    // Dropping to one passenger would leave the check-in of passenger 1 pointing at nobody.
    const orphan = await thrown(updateBooking(db, { actor: lead, bookingId: b.id, input: updateBookingSchema.parse({ passengers: [{ surname: "Rossi", givenName: "Mario" }] }) }));
    expect(orphan.status).toBe(400);
    expect(orphan.fields).toEqual({ "legs.0.checkins.0.passenger": ["No passenger with that index."] });
    expect((await getBooking(db, { workspaceId: lead.workspaceId, bookingId: b.id })).passengers).toHaveLength(2);

    const unknown = await thrown(updateBooking(db, { actor: lead, bookingId: "00000000-0000-4000-8000-000000000000", input: updateBookingSchema.parse({ status: "flown" }) }));
    expect(unknown.status).toBe(404);
    expect(unknown.reason).toBe("booking.not_found");
  });

  it("audits every write and tells live readers which contact's bookings changed", async () => {
    const { lead, contact } = await world();
    const heard: RealtimeEvent[] = [];
    const stop = await database.listen(EVENTS_CHANNEL, (p) => heard.push(JSON.parse(p) as RealtimeEvent));
    const b = await createBooking(db, { actor: lead, input: parse(input(contact.id)) });
    await updateBooking(db, { actor: lead, bookingId: b.id, input: updateBookingSchema.parse({ status: "cancelled" }) });
    await new Promise((r) => setTimeout(r, 300));
    await stop();

    const rows = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, lead.workspaceId))).orderBy(auditLog.id);
    expect(rows.map((r) => r.action)).toEqual(["booking.created", "booking.updated"]);
    expect(rows[0]).toMatchObject({ actorUserId: lead.userId, conversationId: null, data: { bookingId: b.id, contactId: contact.id, pnr: b.pnr } });
    expect(rows[1]!.data).toMatchObject({ bookingId: b.id, fields: ["status"], status: { from: "confirmed", to: "cancelled" } });

    const mine = heard.filter((e) => e.workspaceId === lead.workspaceId);
    expect(mine).toEqual([
      { type: "booking.updated", workspaceId: lead.workspaceId, contactId: contact.id, bookingId: b.id },
      { type: "booking.updated", workspaceId: lead.workspaceId, contactId: contact.id, bookingId: b.id },
    ]);
    const changes = await hydrateEvents(db, { workspaceId: lead.workspaceId, events: mine });
    expect(changes.notices).toEqual([{ type: "booking.updated", contactId: contact.id }]);
  });

  it("a failed write leaves no audit row and no booking", async () => {
    const { lead, contact } = await world();
    await createBooking(db, { actor: lead, input: parse(input(contact.id, { pnr: "ONCE01" })) });
    await thrown(createBooking(db, { actor: lead, input: parse(input(contact.id, { pnr: "ONCE01" })) }));
    const rows = await db.select().from(auditLog).where(eq(auditLog.workspaceId, lead.workspaceId));
    expect(rows).toHaveLength(1);
    const [c] = await db.select().from(contacts).where(eq(contacts.id, contact.id));
    expect(c).toBeTruthy();
    expect(await listBookings(db, { workspaceId: lead.workspaceId, contactId: contact.id })).toHaveLength(1);
  });
});

describe("airports", () => {
  it("every airport has a valid IANA zone and a three-letter code; cities follow the locale", () => {
    expect(Object.keys(AIRPORTS).length).toBeGreaterThanOrEqual(40);
    for (const a of Object.values(AIRPORTS)) {
      expect(a.code).toMatch(/^[A-Z]{3}$/);
      expect(() => new Intl.DateTimeFormat("en", { timeZone: a.timeZone })).not.toThrow();
    }
    expect(airportOf("fco")?.timeZone).toBe("Europe/Rome");
    expect(airportCity("MUC", "it")).toBe("Monaco di Baviera");
    expect(airportCity("MUC", "en-GB")).toBe("Munich");
    expect(airportCity("XXX", "en")).toBeUndefined();
  });
});
