import { describe, expect, it } from "vitest";
import { decode } from "bcbp";
import type { Booking, Leg, Passenger } from "@/lib/bookings/schemas";
import { bcbpFlightNumber, bcbpName, bcbpSeat, bcbpSequence, buildBcbp, julianDay, localDate, MANDATORY_LENGTH } from "./bcbp";

type B = Pick<Booking, "pnr" | "passengers" | "legs">;

function leg(over: Partial<Leg> = {}): Leg {
  return {
    operatingCarrier: "AC",
    flightNumber: "834",
    from: "YUL",
    to: "FRA",
    departureAt: "2026-11-22T18:30:00-05:00",
    arrivalAt: "2026-11-23T08:10:00+01:00",
    fromTimeZone: "America/Toronto",
    toTimeZone: "Europe/Berlin",
    cabin: "Business",
    compartmentCode: "J",
    checkins: [{ passenger: 0, seat: "1A", sequence: 25 }],
    ...over,
  };
}
const luc: Passenger = { surname: "Desmarais", givenName: "Luc", type: "ADT" };
const booking = (over: Partial<B> = {}): B => ({ pnr: "ABC123", passengers: [luc], legs: [leg()], ...over });

/** The mandatory fields of a pass, cut at IATA's widths. */
function fields(s: string) {
  const cut = [1, 1, 20, 1, 7, 3, 3, 3, 5, 3, 1, 4, 5, 1, 2];
  const names = ["format", "legs", "name", "eticket", "pnr", "from", "to", "carrier", "flight", "date", "compartment", "seat", "sequence", "status", "condSize"];
  const out: Record<string, string> = {};
  let at = 0;
  cut.forEach((w, i) => {
    out[names[i]!] = s.slice(at, at + w);
    at += w;
  });
  return out;
}

describe("BCBP (IATA Resolution 792)", () => {
  it("reproduces IATA's published example exactly from the equivalent booking", () => {
    // 2026 is not a leap year: 22 November is day 326, as in the example.
    const s = buildBcbp({ booking: booking(), leg: 0, passenger: 0, conditional: false });
    expect(s).toBe("M1DESMARAIS/LUC       EABC123 YULFRAAC 0834 326J001A0025 100");
    expect(s).toHaveLength(MANDATORY_LENGTH);
  });

  it("pads and truncates the name and the PNR to their widths", () => {
    expect(bcbpName("Desmarais", "Luc")).toBe("DESMARAIS/LUC");
    expect(bcbpName("Rossi", "Maria Giovanna Francesca")).toBe("ROSSI/MARIA GIOVANNA");
    expect(bcbpName("Wolfeschlegelsteinhausen", "Hubert")).toBe("WOLFESCHLEGELSTEIN/H");
    expect(bcbpName("Dell'Acqua", "Zoë")).toBe("DELLACQUA/ZOE");
    expect(bcbpName("Müller-Lüdenscheidt", "Jürgen")).toBe("MULLERLUDENSCHEIDT/J");
    for (const [surname, givenName] of [["A", "B"], ["Wolfeschlegelsteinhausenbergerdorff", "Hubert Blaine"], ["Lee", "Ann"]] as const) {
      const s = buildBcbp({ booking: booking({ passengers: [{ surname, givenName, type: "ADT" }] }), leg: 0, passenger: 0, conditional: false });
      expect(s).toHaveLength(60);
      expect(fields(s).name).toHaveLength(20);
      expect(fields(s).eticket).toBe("E");
    }
    const short = buildBcbp({ booking: booking({ pnr: "XY9Z1" }), leg: 0, passenger: 0, conditional: false });
    expect(fields(short).pnr).toBe("XY9Z1  ");
    expect(fields(short).from).toBe("YUL");
  });

  it("writes the Julian date of the LOCAL departure date, across the year boundary and in leap years", () => {
    expect(julianDay(new Date(Date.UTC(2024, 11, 31)))).toBe("366");
    expect(julianDay(new Date(Date.UTC(2025, 11, 31)))).toBe("365");
    expect(julianDay(new Date(Date.UTC(2027, 0, 2)))).toBe("002");
    // A flight on 2 January issued on 30 December: day 002, and the decoder puts it in the next year.
    const jan2 = booking({ legs: [leg({ departureAt: "2027-01-02T07:05:00+01:00", fromTimeZone: "Europe/Rome", from: "FCO" })] });
    const s = buildBcbp({ booking: jan2, leg: 0, passenger: 0, issuedAt: new Date("2026-12-30T10:00:00Z") });
    expect(fields(s).date).toBe("002");
    const d = decode(s, 2026);
    expect(d.data!.issuanceDate!.toISOString().slice(0, 10)).toBe("2026-12-30");
    expect(d.data!.legs![0]!.flightDate!.toISOString().slice(0, 10)).toBe("2027-01-02");
    // 31 December of a leap year, 23:30 in Los Angeles, is already 1 January in UTC: still day 366.
    const late = booking({ legs: [leg({ departureAt: "2028-12-31T23:30:00-08:00", fromTimeZone: "America/Los_Angeles", from: "LAX" })] });
    expect(fields(buildBcbp({ booking: late, leg: 0, passenger: 0 })).date).toBe("366");
    expect(localDate(new Date("2028-12-31T23:30:00-08:00"), "America/Los_Angeles").toISOString().slice(0, 10)).toBe("2028-12-31");
    // 00:30 in Tokyo is still the previous day in UTC: the local date wins.
    const tokyo = booking({ legs: [leg({ departureAt: "2026-03-01T00:30:00+09:00", fromTimeZone: "Asia/Tokyo", from: "HND" })] });
    expect(fields(buildBcbp({ booking: tokyo, leg: 0, passenger: 0 })).date).toBe("060");
  });

  it("formats seats, flight numbers with a suffix and check-in sequence numbers", () => {
    expect(bcbpSeat("1A")).toBe("001A");
    expect(bcbpSeat("12C")).toBe("012C");
    expect(bcbpSeat("123K")).toBe("123K");
    expect(bcbpSeat("INF")).toBe("INF ");
    expect(bcbpSeat(undefined)).toBe("    ");
    expect(bcbpFlightNumber("834")).toBe("0834 ");
    expect(bcbpFlightNumber("7")).toBe("0007 ");
    expect(bcbpFlightNumber("1234A")).toBe("1234A");
    expect(bcbpSequence(1)).toBe("0001 ");
    expect(bcbpSequence(25)).toBe("0025 ");
    expect(bcbpSequence(9999)).toBe("9999 ");
    const s = buildBcbp({
      booking: booking({ legs: [leg({ operatingCarrier: "LH", flightNumber: "123A", checkins: [{ passenger: 0, seat: "12C", sequence: 7, passengerStatus: "3" }] })] }),
      leg: 0,
      passenger: 0,
      conditional: false,
    });
    expect(fields(s)).toMatchObject({ carrier: "LH ", flight: "0123A", seat: "012C", sequence: "0007 ", status: "3", condSize: "00" });
    // Not checked in: no seat, no number, status 0.
    const none = buildBcbp({ booking: booking({ legs: [leg({ checkins: [] })] }), leg: 0, passenger: 0, conditional: false });
    expect(fields(none)).toMatchObject({ seat: "    ", sequence: "     ", status: "0" });
  });

  it("adds a version-6 conditional section that bcbp decodes back: ticket, marketing carrier, frequent flyer", () => {
    const b = booking({
      passengers: [{ surname: "Rossi", givenName: "Giulia", type: "ADT", ticketNumber: "0557123456789", frequentFlyer: { airline: "AZ", number: "1234567890" } }],
      legs: [leg({ operatingCarrier: "AZ", marketingCarrier: "AF", flightNumber: "610", from: "FCO", to: "JFK", departureAt: "2026-07-14T10:25:00+02:00", fromTimeZone: "Europe/Rome", toTimeZone: "America/New_York", compartmentCode: "Y", checkins: [{ passenger: 0, seat: "23F", sequence: 142 }] })],
    });
    const s = buildBcbp({ booking: b, leg: 0, passenger: 0, issuedAt: new Date("2026-07-13T09:00:00Z") });
    expect(s.slice(0, 58)).toBe("M1ROSSI/GIULIA        EABC123 FCOJFKAZ 0610 195Y023F0142 1");
    expect(Number.parseInt(s.slice(58, 60), 16)).toBe(s.length - 60);
    expect(s.slice(60, 62)).toBe(">6");
    const d = decode(s, 2026);
    expect(d.meta).toMatchObject({ formatCode: "M", numberOfLegs: 1, electronicTicketIndicator: "E", versionNumber: 6 });
    expect(d.data).toMatchObject({ passengerName: "ROSSI/GIULIA", passengerDescription: "0", documentType: "B", boardingPassIssuerDesignator: "AF" });
    expect(d.data!.legs![0]).toMatchObject({
      operatingCarrierPNR: "ABC123",
      departureAirport: "FCO",
      arrivalAirport: "JFK",
      operatingCarrierDesignator: "AZ",
      flightNumber: "0610",
      compartmentCode: "Y",
      seatNumber: "023F",
      checkInSequenceNumber: "0142",
      passengerStatus: "1",
      airlineNumericCode: "055",
      serialNumber: "7123456789",
      marketingCarrierDesignator: "AF",
      frequentFlyerAirlineDesignator: "AZ",
      frequentFlyerNumber: "1234567890",
    });
    expect(d.data!.legs![0]!.flightDate!.toISOString().slice(0, 10)).toBe("2026-07-14");
  });

  it("refuses a leg or passenger the booking does not have", () => {
    expect(() => buildBcbp({ booking: booking(), leg: 1, passenger: 0 })).toThrow(expect.objectContaining({ status: 400, fields: { leg: expect.any(Array) } }));
    expect(() => buildBcbp({ booking: booking(), leg: 0, passenger: 3 })).toThrow(expect.objectContaining({ status: 400, fields: { passenger: expect.any(Array) } }));
  });
});
