import { z } from "zod";

// The one definition of a booking, shared by the API (create / update from the airline's systems),
// the database documents (bookings.passengers / bookings.legs), template pre-fill, boarding passes
// and payment requests. Client-safe. Legs and passengers are addressed by their index from 0.

const IATA_AIRPORT = z.string().regex(/^[A-Z]{3}$/, "Three capital letters (IATA airport code).");
const IATA_CARRIER = z.string().regex(/^[A-Z0-9]{2}[A-Z]?$/, "Two or three characters (IATA or ICAO airline designator).");
/** 1–4 digits and an optional operational suffix letter (AZ 610, LH 1234A). */
const FLIGHT_NUMBER = z.string().regex(/^\d{1,4}[A-Z]?$/, "1 to 4 digits, optionally a suffix letter.");
/** Row 1–999 and a seat letter (12A, 003C); "INF" for a lap infant without a seat. */
const SEAT = z.string().regex(/^(\d{1,3}[A-Z]|INF)$/, "A row and a letter, such as 12A.");
const TIME_ZONE = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "An IANA time zone, such as Europe/Rome.");
const INSTANT = z.iso.datetime({ offset: true });

export const PASSENGER_TYPES = ["ADT", "CHD", "INF"] as const;
export const BOOKING_STATUSES = ["confirmed", "ticketed", "checked_in", "changed", "cancelled", "flown"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const passengerSchema = z.object({
  // As on the passport, Latin letters: BCBP writes SURNAME/GIVEN in capitals.
  surname: z.string().trim().min(1).max(60),
  givenName: z.string().trim().min(1).max(60),
  type: z.enum(PASSENGER_TYPES).default("ADT"),
  title: z.string().trim().max(10).optional(),
  ticketNumber: z.string().regex(/^\d{13}$/, "13 digits.").optional(),
  frequentFlyer: z.object({ airline: IATA_CARRIER, number: z.string().trim().min(1).max(16) }).optional(),
});
export type Passenger = z.infer<typeof passengerSchema>;

/** One passenger on one leg: what check-in gives them. `passenger` is the passenger's index. */
export const legCheckinSchema = z.object({
  passenger: z.number().int().min(0),
  seat: SEAT.optional(),
  /** Check-in sequence number (BCBP: 1–9999). */
  sequence: z.number().int().min(1).max(9999).optional(),
  boardingZone: z.string().trim().max(3).optional(),
  /** BCBP passenger status: 0 not checked in … 1 checked in (IATA code list). */
  passengerStatus: z.string().regex(/^[0-9A-Z]$/).optional(),
});
export type LegCheckin = z.infer<typeof legCheckinSchema>;

export const legSchema = z.object({
  operatingCarrier: IATA_CARRIER,
  marketingCarrier: IATA_CARRIER.optional(),
  flightNumber: FLIGHT_NUMBER,
  from: IATA_AIRPORT,
  to: IATA_AIRPORT,
  /** Instants with their offset; shown in each airport's time zone. */
  departureAt: INSTANT,
  arrivalAt: INSTANT,
  fromTimeZone: TIME_ZONE,
  toTimeZone: TIME_ZONE,
  /** Cabin as sold (Economy, Business…) and the one-letter compartment code BCBP carries. */
  cabin: z.string().trim().min(1).max(30).default("Economy"),
  compartmentCode: z.string().regex(/^[A-Z]$/).default("Y"),
  gate: z.string().trim().max(6).optional(),
  boardingAt: INSTANT.optional(),
  /** Terminal at departure, shown on the pass. */
  terminal: z.string().trim().max(4).optional(),
  checkins: z.array(legCheckinSchema).max(9).default([]),
});
export type Leg = z.infer<typeof legSchema>;

/**
 * A leg as an API caller may send it: the time zones may be left out for an airport in
 * lib/bookings/airports.ts, and the server fills them in (a stored Leg always has both).
 */
export const legInputSchema = legSchema.extend({ fromTimeZone: TIME_ZONE.optional(), toTimeZone: TIME_ZONE.optional() });
export type LegInput = z.infer<typeof legInputSchema>;

const bookingFields = {
  contactId: z.uuid(),
  pnr: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{5,7}$/, "5 to 7 letters or digits."),
  status: z.enum(BOOKING_STATUSES).default("confirmed"),
  passengers: z.array(passengerSchema).min(1).max(9),
  legs: z.array(legInputSchema).min(1).max(4),
  /** Integer minor units of `currency`. */
  totalAmount: z.number().int().min(0).optional(),
  currency: z.string().regex(/^[A-Z]{3}$/, "ISO 4217 code, such as EUR.").optional(),
};

/** Each check-in names an existing passenger, at most once per leg. Also used on the merged booking of an update. */
export function checkinsPointAtPassengers(b: { passengers?: unknown[]; legs?: Pick<Leg, "checkins">[] }, ctx: z.RefinementCtx) {
  if (!b.passengers || !b.legs) return;
  b.legs.forEach((leg, li) => {
    const seen = new Set<number>();
    leg.checkins.forEach((c, ci) => {
      if (c.passenger >= b.passengers!.length)
        ctx.addIssue({ code: "custom", path: ["legs", li, "checkins", ci, "passenger"], message: "No passenger with that index." });
      else if (seen.has(c.passenger))
        ctx.addIssue({ code: "custom", path: ["legs", li, "checkins", ci, "passenger"], message: "This passenger is already checked in on this leg." });
      seen.add(c.passenger);
    });
  });
}

export const createBookingSchema = z.object(bookingFields).superRefine(checkinsPointAtPassengers);
export type CreateBookingInput = z.infer<typeof createBookingSchema>;

/**
 * A partial update; passengers and legs are replaced whole when given. Check-ins are checked
 * against the passengers given here; the server checks them again against the merged booking.
 */
export const updateBookingSchema = z
  .object({
    status: bookingFields.status.unwrap().optional(),
    passengers: bookingFields.passengers.optional(),
    legs: bookingFields.legs.optional(),
    totalAmount: bookingFields.totalAmount,
    currency: bookingFields.currency,
  })
  .superRefine(checkinsPointAtPassengers)
  .refine((v) => Object.keys(v).length > 0, "Nothing to update.");
export type UpdateBookingInput = z.infer<typeof updateBookingSchema>;

export const listBookingsSchema = z
  .object({ conversationId: z.uuid().optional(), contactId: z.uuid().optional() })
  .refine((v) => Boolean(v.conversationId) !== Boolean(v.contactId), "Give either conversationId or contactId.");

/** A booking as the API returns it. */
export type Booking = {
  id: string;
  contactId: string;
  pnr: string;
  status: BookingStatus;
  passengers: Passenger[];
  legs: Leg[];
  totalAmount: number | null;
  currency: string | null;
  createdAt: string;
  updatedAt: string;
};
