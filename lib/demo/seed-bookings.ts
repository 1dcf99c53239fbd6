// The demo's bookings: most Volo Azzurro customers hold one or two. A customer's newest
// conversation names a booking code, a flight, a route and a day; their first booking is exactly
// that trip, so a template pre-filled from the booking matches what the chat talks about. Some
// customers also fly within hours (checked in: seat, gate, boarding time, zone, sequence number),
// so check-in and boarding-pass templates have something to draw on; others flew last month.
// Deterministic: every draw comes from the `rand` the caller seeds.
import { airportOf } from "@/lib/bookings/airports";
import type { BookingStatus, Leg, LegCheckin, Passenger } from "@/lib/bookings/schemas";
import type { bookings } from "@/lib/db/schema";
import { FIRST_NAMES, LAST_NAMES, type Country } from "./seed-data";

type BookingRow = typeof bookings.$inferInsert;

export type BookingContact = { id: string; first: string; last: string; country: Country };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const CARRIER = "VZ";
const ITALY = ["FCO", "MXP", "LIN", "NAP", "CTA", "PMO", "VCE", "BLQ"] as const;
const ABROAD = ["LHR", "CDG", "FRA", "MAD", "BCN", "AMS", "JFK"] as const;
const PNR_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

class Draw {
  constructor(private readonly rand: () => number) {}
  float = () => this.rand();
  int = (min: number, max: number) => min + Math.floor(this.rand() * (max - min + 1));
  chance = (p: number) => this.rand() < p;
  pick = <T>(items: readonly T[]): T => items[Math.floor(this.rand() * items.length)] as T;
  string = (alphabet: string, n: number) => Array.from({ length: n }, () => alphabet[Math.floor(this.rand() * alphabet.length)]).join("");
}

// ---------------------------------------------------------------------------------------------
// Time in an airport's zone

function offsetMinutes(timeZone: string, atMs: number): number {
  const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" }).formatToParts(new Date(atMs)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant of a wall-clock time ("2026-12-20", "09:10") in a time zone. */
function wallClock(day: string, time: string, timeZone: string): number {
  const [y, mo, d] = day.split("-").map(Number) as [number, number, number];
  const [h, mi] = time.split(":").map(Number) as [number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const guess = naive - offsetMinutes(timeZone, naive) * MINUTE;
  return naive - offsetMinutes(timeZone, guess) * MINUTE;
}

/** An ISO instant written with the zone's offset, as an airline's system sends it. */
function isoIn(ms: number, timeZone: string): string {
  const off = offsetMinutes(timeZone, ms);
  const local = new Date(ms + off * MINUTE).toISOString().slice(0, 19);
  const abs = Math.abs(off);
  return `${local}${off < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

const zoneOf = (code: string) => airportOf(code)?.timeZone ?? "Europe/Rome";
const isItalian = (code: string) => zoneOf(code) === "Europe/Rome";

/** Block time, roughly: domestic hops, European sectors, the Atlantic (westbound is longer). */
function blockMinutes(d: Draw, from: string, to: string): number {
  if (from === "JFK") return 500 + d.int(0, 4) * 5;
  if (to === "JFK") return 580 + d.int(0, 4) * 5;
  if (isItalian(from) && isItalian(to)) return 60 + d.int(0, 5) * 5;
  return 105 + d.int(0, 8) * 5;
}

// ---------------------------------------------------------------------------------------------
// Pieces of a booking

function passengersFor(d: Draw, c: BookingContact, count?: number, children = 0): Passenger[] {
  const ticket = () => `555${d.string("0123456789", 10)}`;
  const lead: Passenger = { surname: c.last, givenName: c.first, type: "ADT", ticketNumber: ticket() };
  if (d.chance(0.25)) lead.frequentFlyer = { airline: CARRIER, number: d.string("0123456789", 9) };
  const out = [lead];
  const extra = count !== undefined ? count - 1 : d.chance(0.4) ? (d.chance(0.35) ? 2 : 1) : 0;
  for (let i = 0; i < extra; i++) {
    let given = d.pick(FIRST_NAMES[c.country]);
    while (out.some((p) => p.givenName === given)) given = d.pick(FIRST_NAMES[c.country]);
    const child = count !== undefined ? i >= extra - children : i === 1 && d.chance(0.5);
    out.push({ surname: child || d.chance(0.7) ? c.last : d.pick(LAST_NAMES[c.country]), givenName: given, type: child ? "CHD" : "ADT", ticketNumber: ticket() });
  }
  return out;
}

function cabinFor(d: Draw, from: string, to: string): Pick<Leg, "cabin" | "compartmentCode"> {
  const longHaul = from === "JFK" || to === "JFK";
  if (d.chance(longHaul ? 0.2 : 0.08)) return { cabin: "Business", compartmentCode: longHaul ? "J" : "C" };
  return { cabin: "Economy", compartmentCode: "Y" };
}

/** Seats side by side for everyone on the booking, and a check-in sequence number each. */
function checkinsFor(d: Draw, passengers: Passenger[], business: boolean, longHaul: boolean): LegCheckin[] {
  const row = business ? d.int(1, 5) : d.int(7, longHaul ? 42 : 31);
  const letters = longHaul ? ["A", "B", "C", "D", "E", "F", "G", "H", "K"] : ["A", "B", "C", "D", "E", "F"];
  const start = d.int(0, letters.length - passengers.length);
  let sequence = d.int(12, 180);
  const zone = String(business ? 1 : d.int(2, 5));
  return passengers.map((_, i) => ({
    passenger: i,
    seat: `${row}${letters[start + i]}`,
    sequence: sequence++,
    boardingZone: zone,
    passengerStatus: "1",
  }));
}

function gateFor(d: Draw, from: string): Pick<Leg, "gate" | "terminal"> {
  if (from === "FCO") return d.chance(0.6) ? { gate: `E${d.int(11, 44)}`, terminal: "3" } : { gate: `B${d.int(1, 30)}`, terminal: "1" };
  if (from === "MXP") return { gate: `${d.pick(["A", "B"])}${d.int(1, 24)}`, terminal: "1" };
  if (from === "LHR") return { gate: `A${d.int(1, 26)}`, terminal: "2" };
  if (from === "JFK") return { gate: `${d.int(1, 12)}`, terminal: "1" };
  return { gate: `${d.pick(["A", "B", "C"])}${d.int(1, 20)}` };
}

function leg(d: Draw, f: { flight: string; from: string; to: string; departMs: number; cabin: Pick<Leg, "cabin" | "compartmentCode"> }): Leg {
  const fromTimeZone = zoneOf(f.from);
  const toTimeZone = zoneOf(f.to);
  return {
    operatingCarrier: CARRIER,
    flightNumber: f.flight,
    from: f.from,
    to: f.to,
    departureAt: isoIn(f.departMs, fromTimeZone),
    arrivalAt: isoIn(f.departMs + blockMinutes(d, f.from, f.to) * MINUTE, toTimeZone),
    fromTimeZone,
    toTimeZone,
    ...f.cabin,
    checkins: [],
  };
}

/** Euro fares in cents: per passenger and leg, by sector and cabin. */
function fareCents(d: Draw, legs: Leg[], passengers: Passenger[]): number {
  let euros = 0;
  for (const l of legs) {
    const longHaul = l.from === "JFK" || l.to === "JFK";
    const domestic = isItalian(l.from) && isItalian(l.to);
    const base = longHaul ? d.int(42, 95) * 10 : domestic ? d.int(6, 18) * 10 : d.int(10, 32) * 10;
    const perPax = (l.cabin === "Business" ? base * 3 : base) - 1;
    for (const p of passengers) euros += p.type === "CHD" ? Math.round(perPax * 0.75) : perPax;
  }
  return euros * 100 + d.pick([0, 0, 50, 99]);
}

function randomRoute(d: Draw): [string, string] {
  const home = d.pick(ITALY);
  if (d.chance(0.35)) {
    let other = d.pick(ITALY);
    while (other === home || (home === "LIN" && other === "MXP") || (home === "MXP" && other === "LIN")) other = d.pick(ITALY);
    return d.chance(0.5) ? [home, other] : [other, home];
  }
  const away = d.pick(ABROAD);
  return d.chance(0.6) ? [home, away] : [away, home];
}

/** Confirmed but not yet paid: no ticket numbers. */
function unticketed(p: Passenger): Passenger {
  const out = { ...p };
  delete out.ticketNumber;
  return out;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const timeOf = (d: Draw) => `${String(d.int(6, 21)).padStart(2, "0")}:${d.pick(["05", "15", "25", "35", "40", "50"])}`;

// ---------------------------------------------------------------------------------------------
// What a conversation says about its trip ("my flight tomorrow", "I'm at the airport", "it landed")

type Timing = "tomorrow" | "hours" | "flown" | "cancelled";
const SCRIPT_TRIPS: Record<string, { timing?: Timing; status?: BookingStatus; passengers?: number; children?: number; seat?: boolean }> = {
  "it-check-in": { timing: "tomorrow" },
  "en-passport-check-in": { timing: "tomorrow" },
  "it-carta-imbarco": { timing: "hours", status: "checked_in", seat: true },
  "en-boarding-pass": { timing: "hours", status: "checked_in", seat: true },
  "it-ritardo-coincidenza": { timing: "hours", status: "changed" },
  "en-delay-connection": { timing: "hours", status: "changed" },
  "it-bagaglio-smarrito": { timing: "flown" },
  "it-bagaglio-danneggiato": { timing: "flown" },
  "en-damaged-bag": { timing: "flown" },
  "it-rimborso-posto": { timing: "flown", seat: true },
  "it-rimborso-cancellazione": { status: "cancelled" },
  "en-refund-cancelled": { status: "cancelled" },
  "it-posti-bambino": { passengers: 2, children: 1 },
  "en-family-seats": { passengers: 4, children: 2 },
  "it-correzione-nome": { passengers: 2 },
};

/** The departure instant a conversation implies, relative to when it started. */
function departureFor(d: Draw, trip: Record<string, string>, from: string, timing: Timing | undefined): number {
  const at = Number(trip.at);
  const time = trip.time ?? timeOf(d);
  switch (timing) {
    case "tomorrow":
      return wallClock(dayOf(at + DAY), time, zoneOf(from));
    case "hours":
      return Math.ceil((at + d.int(90, 180) * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
    case "flown":
      return wallClock(dayOf(at - DAY), time, zoneOf(from));
    default:
      return wallClock(trip.travelDay!, time, zoneOf(from));
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * One or two bookings for most contacts. `trips` holds, per contact, the placeholders of their
 * newest conversation (pnr, flight "VZ 1234", fromCode, toCode, travelDay, time).
 */
export function draftDemoBookings(
  rand: () => number,
  { workspaceId, contacts, trips, nowMs, newId }: { workspaceId: string; contacts: readonly BookingContact[]; trips: ReadonlyMap<string, Record<string, string>>; nowMs: number; newId: () => string },
): BookingRow[] {
  const d = new Draw(rand);
  const rows: BookingRow[] = [];
  const pnrs = new Set<string>();
  const newPnr = (wanted?: string) => {
    let pnr = wanted && /^[A-Z0-9]{6}$/.test(wanted) ? wanted : d.string(PNR_ALPHABET, 6);
    while (pnrs.has(pnr)) pnr = d.string(PNR_ALPHABET, 6);
    pnrs.add(pnr);
    return pnr;
  };
  const push = (contactId: string, pnr: string, status: BookingStatus, passengers: Passenger[], legs: Leg[], createdMs: number) =>
    rows.push({
      id: newId(),
      workspaceId,
      contactId,
      pnr,
      status,
      passengers,
      legs,
      totalAmount: fareCents(d, legs, passengers),
      currency: "EUR",
      createdAt: new Date(createdMs),
      updatedAt: new Date(Math.min(nowMs, createdMs + d.int(0, 5) * DAY)),
    });

  for (const c of contacts) {
    const trip = trips.get(c.id);
    // Everyone who wrote to us has the booking they wrote about; a few of the others have none.
    if (!trip && d.chance(0.3)) continue;
    const story = (trip?.script && SCRIPT_TRIPS[trip.script]) || {};
    const passengers = passengersFor(d, c, story.passengers, story.children);

    // The trip the conversation is about (or an upcoming one), a return leg for some.
    const [from, to] = trip ? [trip.fromCode!, trip.toCode!] : randomRoute(d);
    const departMs = trip ? departureFor(d, trip, from, story.timing) : wallClock(dayOf(nowMs + d.int(2, 30) * DAY), timeOf(d), zoneOf(from));
    const flight = trip?.flight?.replace(/^VZ\s*/, "") ?? String(d.int(101, 2899));
    const cabin = cabinFor(d, from, to);
    const legs = [leg(d, { flight, from, to, departMs, cabin })];
    if (d.chance(isItalian(from) && isItalian(to) ? 0.25 : 0.5)) {
      const back = wallClock(dayOf(departMs + d.int(3, 12) * DAY), timeOf(d), zoneOf(to));
      legs.push(leg(d, { flight: String(Number(flight) % 2 === 0 ? Number(flight) + 1 : Number(flight) - 1 || 102), from: to, to: from, departMs: back, cabin }));
    }
    const first = legs[0]!;
    if (story.seat || story.status === "checked_in") {
      const checkins = checkinsFor(d, passengers, cabin.cabin === "Business", from === "JFK" || to === "JFK");
      if (trip?.seat && passengers.length === 1) checkins[0]!.seat = trip.seat;
      legs[0] = { ...first, ...gateFor(d, from), boardingAt: isoIn(departMs - 35 * MINUTE, first.fromTimeZone), checkins };
    }
    let status: BookingStatus = story.status ?? (d.chance(0.12) ? "confirmed" : d.chance(0.1) ? "changed" : "ticketed");
    // A trip whose last flight has landed is flown (unless it never flew).
    const lastLanding = Date.parse(legs[legs.length - 1]!.arrivalAt);
    if (status !== "cancelled" && lastLanding < nowMs) status = "flown";
    push(c.id, newPnr(trip?.pnr), status, status === "confirmed" ? passengers.map(unticketed) : passengers, legs, Math.min(departMs, nowMs) - d.int(5, 60) * DAY);

    if (!d.chance(0.4)) continue;
    const others = passengersFor(d, c).slice(0, d.chance(0.6) ? 1 : 3);
    if (d.chance(0.6)) {
      // Flying within hours: checked in, gate and boarding time known.
      const [sf, st] = randomRoute(d);
      const depart = Math.ceil((nowMs + d.int(2 * 60, 20 * 60) * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
      const c1 = cabinFor(d, sf, st);
      const l = leg(d, { flight: String(d.int(101, 2899)), from: sf, to: st, departMs: depart, cabin: c1 });
      const boardingMs = depart - (st === "JFK" || sf === "JFK" ? 50 : 35) * MINUTE;
      const filled: Leg = { ...l, ...gateFor(d, sf), boardingAt: isoIn(boardingMs, l.fromTimeZone), checkins: checkinsFor(d, others, c1.cabin === "Business", sf === "JFK" || st === "JFK") };
      push(c.id, newPnr(), "checked_in", others, [filled], nowMs - d.int(7, 90) * DAY);
    } else {
      // Flown last month.
      const [sf, st] = randomRoute(d);
      const depart = wallClock(dayOf(nowMs - d.int(12, 45) * DAY), timeOf(d), zoneOf(sf));
      const c1 = cabinFor(d, sf, st);
      const l = leg(d, { flight: String(d.int(101, 2899)), from: sf, to: st, departMs: depart, cabin: c1 });
      const flown: Leg = { ...l, ...gateFor(d, sf), checkins: checkinsFor(d, others, c1.cabin === "Business", sf === "JFK" || st === "JFK") };
      push(c.id, newPnr(), "flown", others, [flown], depart - d.int(10, 80) * DAY);
    }
  }
  return rows;
}
