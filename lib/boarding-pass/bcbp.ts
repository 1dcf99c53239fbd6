import { encode } from "bcbp";
import { bookingErrors } from "@/lib/bookings/errors";
import type { Booking, Leg, LegCheckin, Passenger } from "@/lib/bookings/schemas";

// IATA Bar Coded Boarding Pass (Resolution 792), format M, one leg per pass. The fields are
// formatted here to the widths IATA fixes (the `bcbp` package pads strings but does not
// zero-pad numbers or compute the local date), and `bcbp` assembles the sections and their hex
// sizes. Pure: the tests pin every field width.

export const MANDATORY_LENGTH = 60;

const NAME_WIDTH = 20;

/** Latin capitals only: scanners and departure control systems expect ASCII A–Z. */
function latinCaps(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ß/g, "SS")
    .replace(/Æ/gi, "AE")
    .replace(/Ø/gi, "O")
    .toUpperCase()
    .replace(/[^A-Z ]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * `SURNAME/GIVEN`, at most 20 characters. A long name loses given-name letters first (keeping
 * at least the initial), then surname letters: the surname is what the gate checks against the ID.
 */
export function bcbpName(surname: string, givenName: string): string {
  const last = latinCaps(surname) || "X";
  const first = latinCaps(givenName);
  let name = first ? `${last}/${first}` : last;
  if (name.length <= NAME_WIDTH) return name;
  if (first && last.length + 2 <= NAME_WIDTH) return `${last}/${first}`.slice(0, NAME_WIDTH).trimEnd();
  name = first ? `${last.slice(0, NAME_WIDTH - 2)}/${first[0]}` : last.slice(0, NAME_WIDTH);
  return name;
}

/** 4 digits zero padded and the optional operational suffix, or a space: `834` → `0834 `. */
export function bcbpFlightNumber(flightNumber: string): string {
  const m = /^(\d{1,4})([A-Z]?)$/.exec(flightNumber);
  if (!m) throw new Error(`Not a flight number: ${flightNumber}`);
  return `${m[1]!.padStart(4, "0")}${m[2] || " "}`;
}

/** `1A` → `001A`, `12C` → `012C`; `INF` for a lap infant; blank when no seat is assigned yet. */
export function bcbpSeat(seat: string | undefined): string {
  if (!seat) return "    ";
  if (seat === "INF") return "INF ";
  const m = /^(\d{1,3})([A-Z])$/.exec(seat);
  if (!m) throw new Error(`Not a seat: ${seat}`);
  return `${m[1]!.padStart(3, "0")}${m[2]}`;
}

/** 4 digits zero padded and a space (the fifth position is an optional letter): `25` → `0025 `. */
export function bcbpSequence(sequence: number | undefined): string {
  if (sequence === undefined) return "     ";
  return `${String(sequence).padStart(4, "0")} `;
}

/** The calendar date of an instant in a time zone, as a UTC midnight (what day-of-year math needs). */
export function localDate(instant: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
}

/** Day of the year, 001–366, of a UTC-midnight date. */
export function julianDay(date: Date): string {
  const start = Date.UTC(date.getUTCFullYear(), 0, 0);
  return String(Math.round((date.getTime() - start) / 86_400_000)).padStart(3, "0");
}

/** IATA passenger description: 0 adult, 3 child, 4 infant. */
const PASSENGER_DESCRIPTION: Record<Passenger["type"], string> = { ADT: "0", CHD: "3", INF: "4" };

export type BcbpInput = {
  booking: Pick<Booking, "pnr" | "passengers" | "legs">;
  /** Index of the leg, from 0. */
  leg: number;
  /** Index of the passenger, from 0. */
  passenger: number;
  /** When the pass is issued (the conditional section's issue date); defaults to now. */
  issuedAt?: Date;
  /**
   * The conditional section (version 6: passenger type, issue date, document type, issuer,
   * ticket number, marketing carrier, frequent flyer). Off: the bare 60-character pass.
   */
  conditional?: boolean;
};

export type PassSubject = { leg: Leg; passenger: Passenger; checkin: LegCheckin | undefined };

/** The leg, passenger and their check-in, or the 400 the route answers for a bad index. */
export function passSubject(booking: Pick<Booking, "passengers" | "legs">, legIndex: number, passengerIndex: number): PassSubject {
  const leg = booking.legs[legIndex];
  if (!Number.isInteger(legIndex) || !leg) throw bookingErrors.noSuchLeg(legIndex);
  const passenger = booking.passengers[passengerIndex];
  if (!Number.isInteger(passengerIndex) || !passenger) throw bookingErrors.noSuchPassenger(passengerIndex);
  return { leg, passenger, checkin: leg.checkins.find((c) => c.passenger === passengerIndex) };
}

/** The BCBP string of one passenger on one leg. */
export function buildBcbp({ booking, leg: legIndex, passenger: passengerIndex, issuedAt = new Date(), conditional = true }: BcbpInput): string {
  const { leg, passenger, checkin } = passSubject(booking, legIndex, passengerIndex);
  // The date printed on a ticket is the local date at the departure airport, not UTC's.
  const flightDate = localDate(new Date(leg.departureAt), leg.fromTimeZone);
  const ticket = passenger.ticketNumber;
  const encoded = encode({
    data: {
      passengerName: bcbpName(passenger.surname, passenger.givenName),
      passengerDescription: PASSENGER_DESCRIPTION[passenger.type],
      // Web check-in; issued by a "town agent": Sportello is the airline's contact centre.
      checkInSource: "W",
      boardingPassIssuanceSource: "T",
      issuanceDate: localDate(issuedAt, leg.fromTimeZone),
      documentType: "B",
      boardingPassIssuerDesignator: leg.marketingCarrier ?? leg.operatingCarrier,
      legs: [
        {
          operatingCarrierPNR: booking.pnr,
          departureAirport: leg.from,
          arrivalAirport: leg.to,
          operatingCarrierDesignator: leg.operatingCarrier,
          flightNumber: bcbpFlightNumber(leg.flightNumber),
          flightDate,
          compartmentCode: leg.compartmentCode,
          seatNumber: bcbpSeat(checkin?.seat),
          checkInSequenceNumber: bcbpSequence(checkin?.sequence),
          // Without a check-in record the pass still scans, as "not checked in" (0).
          passengerStatus: checkin?.passengerStatus ?? (checkin ? "1" : "0"),
          ...(ticket ? { airlineNumericCode: ticket.slice(0, 3), serialNumber: ticket.slice(3) } : {}),
          ...(leg.marketingCarrier ? { marketingCarrierDesignator: leg.marketingCarrier } : {}),
          ...(passenger.frequentFlyer ? { frequentFlyerAirlineDesignator: passenger.frequentFlyer.airline, frequentFlyerNumber: passenger.frequentFlyer.number } : {}),
        },
      ],
    },
  });
  if (encoded.length < MANDATORY_LENGTH) throw new Error("BCBP: the mandatory section came out short.");
  // Without the conditional section the size field says 00, as in IATA's own example.
  return conditional ? encoded : `${encoded.slice(0, MANDATORY_LENGTH - 2)}00`;
}
