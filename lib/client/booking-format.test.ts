import { describe, expect, it } from "vitest";
import { airportDateTime, airportTime, arrivalDayShift, money, routeCodes } from "./booking-format";
import { defaultBooking, type Booking } from "./use-bookings";

const leg = (from: string, to: string, departureAt: string, arrivalAt: string, fromTimeZone = "Europe/Rome", toTimeZone = "Europe/London") => ({
  operatingCarrier: "VZ",
  flightNumber: "1",
  from,
  to,
  departureAt,
  arrivalAt,
  fromTimeZone,
  toTimeZone,
  cabin: "Economy",
  compartmentCode: "Y",
  checkins: [],
});

const booking = (id: string, status: Booking["status"], legs: ReturnType<typeof leg>[]): Booking => ({
  id,
  contactId: "c",
  pnr: id.toUpperCase().padEnd(6, "X"),
  status,
  passengers: [{ surname: "Rossi", givenName: "Mario", type: "ADT" }],
  legs,
  totalAmount: null,
  currency: null,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});

describe("booking formatting", () => {
  it("shows times at the airport, in the viewer's language", () => {
    expect(airportTime("2026-12-02T06:20:00Z", "Europe/Rome", "en")).toBe("07:20");
    expect(airportTime("2026-12-02T06:20:00Z", "America/New_York", "it")).toBe("01:20");
    expect(airportDateTime("2026-12-02T06:20:00Z", "Europe/Rome", "en-GB")).toBe("Wed 2 Dec, 07:20");
    expect(airportDateTime("2026-12-02T06:20:00Z", "Europe/Rome", "it")).toMatch(/^mer 2 dic,? 07:20$/);
  });

  it("counts an overnight arrival as the next day, local to local", () => {
    expect(arrivalDayShift(leg("JFK", "FCO", "2026-12-01T22:00:00-05:00", "2026-12-02T12:10:00+01:00", "America/New_York", "Europe/Rome"))).toBe(1);
    expect(arrivalDayShift(leg("FCO", "LHR", "2026-12-01T09:00:00+01:00", "2026-12-01T10:40:00Z"))).toBe(0);
  });

  it("chains the route and splits an open jaw", () => {
    expect(routeCodes({ legs: [leg("FCO", "LHR", "", ""), leg("LHR", "FCO", "", "")] })).toEqual([["FCO", "LHR", "FCO"]]);
    expect(routeCodes({ legs: [leg("FCO", "LHR", "", ""), leg("CDG", "FCO", "", "")] })).toEqual([["FCO", "LHR"], ["CDG", "FCO"]]);
  });

  it("formats minor units by the currency's own decimals", () => {
    expect(money(24_850, "EUR", "en-GB")).toBe("€248.50");
    expect(money(24_850, "EUR", "it").replace(/\s/g, " ")).toBe("248,50 €");
    expect(money(1500, "JPY", "en")).toBe("¥1,500");
  });

  it("defaults to the booking that departs soonest, skipping flown, cancelled and past ones", () => {
    const now = Date.parse("2026-12-01T12:00:00Z");
    const past = booking("past", "ticketed", [leg("FCO", "LHR", "2026-11-20T09:00:00Z", "2026-11-20T11:00:00Z")]);
    const later = booking("later", "ticketed", [leg("FCO", "LHR", "2026-12-20T09:00:00Z", "2026-12-20T11:00:00Z")]);
    const soon = booking("soon", "checked_in", [leg("FCO", "LHR", "2026-12-01T18:00:00Z", "2026-12-01T20:00:00Z")]);
    const cancelled = booking("gone", "cancelled", [leg("FCO", "LHR", "2026-12-01T13:00:00Z", "2026-12-01T15:00:00Z")]);
    // A round trip whose outbound has flown still counts by its return.
    const returning = booking("back", "ticketed", [leg("FCO", "LHR", "2026-11-28T09:00:00Z", "2026-11-28T11:00:00Z"), leg("LHR", "FCO", "2026-12-05T09:00:00Z", "2026-12-05T11:00:00Z")]);
    expect(defaultBooking([later, past, soon, cancelled, returning], now)?.id).toBe("soon");
    expect(defaultBooking([later, past, returning], now)?.id).toBe("back");
    expect(defaultBooking([past, cancelled], now)).toBeNull();
  });
});
