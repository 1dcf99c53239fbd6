import { describe, expect, it } from "vitest";
import type { Booking } from "@/lib/bookings/schemas";
import { buildTemplateSend, missingParams, templatesOfAccount, type TemplateComponent } from "./model";
import { currencyValue, prefillLocale, prefillTemplateValues } from "./prefill";

// Intl output separators differ between ICU versions (narrow no-break spaces): compare plainly.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

const booking: Booking = {
  id: "00000000-0000-4000-8000-000000000001",
  contactId: "00000000-0000-4000-8000-000000000002",
  pnr: "K7XQ2M",
  status: "ticketed",
  passengers: [
    { surname: "ROSSI", givenName: "GIULIA", type: "ADT" },
    { surname: "Rossi", givenName: "Marco", type: "ADT" },
  ],
  legs: [
    {
      operatingCarrier: "AZ",
      marketingCarrier: "AZ",
      flightNumber: "610",
      from: "JFK",
      to: "FCO",
      // 23:30 in New York on the 24th is already the 25th in UTC.
      departureAt: "2026-11-24T23:30:00-05:00",
      arrivalAt: "2026-11-25T14:05:00+01:00",
      boardingAt: "2026-11-24T22:45:00-05:00",
      fromTimeZone: "America/New_York",
      toTimeZone: "Europe/Rome",
      cabin: "Economy",
      compartmentCode: "Y",
      gate: "B22",
      terminal: "1",
      checkins: [
        { passenger: 0, seat: "23A", sequence: 12, boardingZone: "3" },
        { passenger: 1, seat: "23B", sequence: 13, boardingZone: "3" },
      ],
    },
  ],
  totalAmount: 123450,
  currency: "EUR",
  createdAt: "2026-11-01T10:00:00.000Z",
  updatedAt: "2026-11-01T10:00:00.000Z",
};

const body = (text: string): TemplateComponent => ({ type: "BODY", text });
const named = (language: string, text: string, extra: TemplateComponent[] = []) => ({ language, parameterFormat: "NAMED" as const, components: [body(text), ...extra] });

describe("prefillTemplateValues", () => {
  const confirmation = "{{first_name}} {{last_name}} {{pnr}} {{flight}} {{origin}} {{destination}} {{departure_date}} {{departure_time}} {{boarding_time}} {{arrival_time}} {{gate}} {{seat}} {{terminal}} {{zone}} {{amount}}";

  it("fills every parameter the booking knows, in English, in the airport's time zone", () => {
    const v = prefillTemplateValues({ template: named("en_US", confirmation), booking, contact: { name: "Giuly R", locale: null } });
    expect(v["body:first_name"]).toEqual({ type: "text", text: "Giulia" });
    expect(v["body:last_name"]).toEqual({ type: "text", text: "Rossi" });
    expect(v["body:pnr"]).toEqual({ type: "text", text: "K7XQ2M" });
    expect(v["body:flight"]).toEqual({ type: "text", text: "AZ 610" });
    expect(v["body:origin"]).toEqual({ type: "text", text: "New York (JFK)" });
    expect(v["body:destination"]).toEqual({ type: "text", text: "Rome (FCO)" });
    // The local date at JFK (the 24th), not the UTC date (the 25th).
    expect(v["body:departure_date"]).toEqual({ type: "date_time", fallback: "Tue, Nov 24, 2026" });
    expect(plain((v["body:departure_time"] as { text: string }).text)).toBe("11:30 PM");
    expect(plain((v["body:boarding_time"] as { text: string }).text)).toBe("10:45 PM");
    // Arrival in Rome's time.
    expect(plain((v["body:arrival_time"] as { text: string }).text)).toBe("02:05 PM");
    expect(v["body:gate"]).toEqual({ type: "text", text: "B22" });
    expect(v["body:seat"]).toEqual({ type: "text", text: "23A" });
    expect(v["body:terminal"]).toEqual({ type: "text", text: "1" });
    expect(v["body:zone"]).toEqual({ type: "text", text: "3" });
    expect(v["body:amount"]).toEqual({ type: "currency", code: "EUR", amount1000: 1234500, fallback: "€1,234.50" });
    expect(missingParams(named("en_US", confirmation), v)).toEqual([]);
  });

  it("writes Italian for an Italian template: dates, 24-hour times, the euro after the number", () => {
    const v = prefillTemplateValues({ template: named("it", confirmation), booking, contact: { name: "Giulia Rossi", locale: "en-US" } });
    expect(v["body:departure_date"]).toEqual({ type: "date_time", fallback: "mar 24 nov 2026" });
    expect((v["body:departure_time"] as { text: string }).text).toBe("23:30");
    expect((v["body:arrival_time"] as { text: string }).text).toBe("14:05");
    expect(plain((v["body:amount"] as { fallback: string }).fallback)).toBe("1234,50 €"); // CLDR: Italian groups from five digits on
  });

  it("uses the customer's own locale when it speaks the template's language (en-GB: day first, 24 hours)", () => {
    expect(prefillLocale("en_US", "en-GB")).toBe("en-GB");
    expect(prefillLocale("it", "en-GB")).toBe("it");
    expect(prefillLocale("en_US", null)).toBe("en-US");
    const v = prefillTemplateValues({ template: named("en_US", "{{departure_date}} {{departure_time}}"), booking, contact: { locale: "en_GB" } });
    expect(v["body:departure_date"]).toEqual({ type: "date_time", fallback: "Tue, 24 Nov 2026" });
    expect((v["body:departure_time"] as { text: string }).text).toBe("23:30");
  });

  it("takes the chosen passenger and leg; airport cities when the app knows them", () => {
    const cityOf = (code: string, locale: string) => ({ FCO: locale === "it" ? "Roma" : "Rome", JFK: "New York" })[code];
    const v = prefillTemplateValues({ template: named("it", "{{first_name}} {{seat}} {{destination}} {{origin}}"), booking, passengerIndex: 1, cityOf });
    expect(v["body:first_name"]).toEqual({ type: "text", text: "Marco" });
    expect(v["body:seat"]).toEqual({ type: "text", text: "23B" });
    expect(v["body:destination"]).toEqual({ type: "text", text: "Roma (FCO)" });
    expect(v["body:origin"]).toEqual({ type: "text", text: "New York (JFK)" });
    // An airport the app does not know is said by its code.
    const bare = prefillTemplateValues({ template: named("it", "{{origin}}"), booking, cityOf: () => undefined });
    expect(bare["body:origin"]).toEqual({ type: "text", text: "JFK" });
  });

  it("without a booking, names come from the contact's profile; the rest is left for the agent", () => {
    const v = prefillTemplateValues({ template: named("en_US", "{{first_name}} {{last_name}} {{pnr}} {{due_date}}"), booking: null, contact: { name: "Ada King Lovelace" } });
    expect(v).toEqual({ "body:first_name": { type: "text", text: "Ada" }, "body:last_name": { type: "text", text: "King Lovelace" } });
  });

  it("fills a URL button's suffix with the PNR, leaves media headers and positional body parameters alone", () => {
    const template = {
      language: "en_US",
      parameterFormat: "POSITIONAL" as const,
      components: [
        { type: "HEADER", format: "DOCUMENT" },
        body("Hi {{1}}"),
        { type: "BUTTONS", buttons: [{ type: "URL", text: "Check in", url: "https://example.com/checkin/{{1}}" }] },
      ] as TemplateComponent[],
    };
    expect(prefillTemplateValues({ template, booking })).toEqual({ "button:0:1": { type: "text", text: "K7XQ2M" } });
    // A suffix whose example is not a PNR (a payment token) is left for the agent.
    const pay = { ...template, components: [body("Pay"), { type: "BUTTONS", buttons: [{ type: "URL", text: "Pay", url: "https://p.example/p/{{1}}", example: ["https://p.example/p/7f3c9a1e5b"] }] }] as TemplateComponent[] };
    expect(prefillTemplateValues({ template: pay, booking })).toEqual({});
    const checkin = { ...template, components: [body("Go"), { type: "BUTTONS", buttons: [{ type: "URL", text: "Check in", url: "https://c.example/checkin/{{1}}", example: ["https://c.example/checkin/X7K2QM"] }] }] as TemplateComponent[] };
    expect(prefillTemplateValues({ template: checkin, booking })).toEqual({ "button:0:1": { type: "text", text: "K7XQ2M" } });
  });

  it("the values it makes are what the Cloud API send takes", () => {
    const template = { name: "booking_confirmation", category: "UTILITY" as const, ...named("en_US", "Hi {{first_name}}, {{pnr}} costs {{amount}}") };
    const send = buildTemplateSend(template, prefillTemplateValues({ template, booking }));
    expect(send.components).toEqual([
      {
        type: "body",
        parameters: [
          { type: "text", parameter_name: "first_name", text: "Giulia" },
          { type: "text", parameter_name: "pnr", text: "K7XQ2M" },
          { type: "currency", parameter_name: "amount", currency: { fallback_value: "€1,234.50", code: "EUR", amount_1000: 1234500 } },
        ],
      },
    ]);
  });
});

describe("currencyValue", () => {
  it("converts minor units to amount_1000 by the currency's exponent", () => {
    expect(currencyValue(1999, "EUR", "en")).toMatchObject({ amount1000: 19990, fallback: "€19.99" });
    expect(currencyValue(1500, "JPY", "en")).toMatchObject({ amount1000: 1500000, fallback: "¥1,500" });
    expect(currencyValue(1234, "KWD", "en")).toMatchObject({ amount1000: 1234 });
    expect(plain(currencyValue(1999, "EUR", "it").fallback)).toBe("19,99 €");
  });
});

describe("templatesOfAccount", () => {
  it("keeps the templates of the number's WhatsApp Business account, or all when it is not known", () => {
    const list = [{ wabaId: "A", name: "x" }, { wabaId: "B", name: "y" }, { wabaId: "A", name: "z" }];
    expect(templatesOfAccount(list, "A").map((t) => t.name)).toEqual(["x", "z"]);
    expect(templatesOfAccount(list, "C")).toEqual([]);
    expect(templatesOfAccount(list, null)).toHaveLength(3);
  });
});
