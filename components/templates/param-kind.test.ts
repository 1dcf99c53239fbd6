import { describe, expect, it } from "vitest";
import { inputKind, kindFromName, pickedText, pickerText, pickerValue } from "./param-kind";

describe("a template parameter's input kind", () => {
  it("follows the name: dates, times, date-times, amounts, the rest text", () => {
    expect(kindFromName("departure_date")).toBe("date");
    expect(kindFromName("date")).toBe("date");
    expect(kindFromName("boarding_time")).toBe("time");
    expect(kindFromName("departure_time")).toBe("time");
    expect(kindFromName("time")).toBe("time");
    expect(kindFromName("pickup_datetime")).toBe("datetime");
    expect(kindFromName("rebooked_date_time")).toBe("datetime");
    expect(kindFromName("Event_DateTime")).toBe("datetime");
    expect(kindFromName("amount")).toBe("currency");
    // Only a whole word: "timeline", "update", "overtime_reason" are not dates or times.
    expect(kindFromName("timeline")).toBe("text");
    expect(kindFromName("update")).toBe("text");
    expect(kindFromName("overtime_reason")).toBe("text");
    expect(kindFromName("1")).toBe("text");
  });

  it("lets a typed value keep its type, and a time keeps its picker whatever was typed", () => {
    expect(inputKind({ key: "boarding_time" }, undefined)).toBe("time");
    // The booking's prefill writes times as text: still a time input.
    expect(inputKind({ key: "boarding_time" }, { type: "text", text: "09:35" })).toBe("time");
    expect(inputKind({ key: "pickup_datetime" }, { type: "date_time", fallback: "ven 18 dic 2026, 07:40" })).toBe("datetime");
    expect(inputKind({ key: "due_date" }, undefined)).toBe("date");
    expect(inputKind({ key: "note" }, { type: "date_time", fallback: "tomorrow" })).toBe("date");
    expect(inputKind({ key: "due_date" }, { type: "text", text: "soon" })).toBe("text");
    expect(inputKind({ key: "total" }, undefined)).toBe("currency");
    expect(inputKind({ key: "boarding_time" }, { type: "currency", code: "EUR", amount1000: 1000, fallback: "€1.00" })).toBe("currency");
    expect(inputKind({ key: "pass", media: "document" }, undefined)).toBe("media");
  });
});

describe("a picked date or time, as the customer reads it", () => {
  it("is written in the customer's locale, as the booking's prefill writes it", () => {
    expect(pickedText("date", "2026-12-18", "it")).toBe("ven 18 dic 2026");
    expect(pickedText("date", "2026-12-18", "en-GB")).toBe("Fri, 18 Dec 2026");
    expect(pickedText("time", "07:40", "it")).toBe("07:40");
    expect(pickedText("time", "19:05", "en-US")).toBe("07:05 PM");
    expect(pickedText("time", "19:05:30", "en-GB")).toBe("19:05");
    expect(pickedText("datetime", "2026-12-18T07:40", "it")).toBe("ven 18 dic 2026, 07:40");
    expect(pickedText("datetime", "2026-12-18T19:05", "en-US")).toBe("Fri, Dec 18, 2026, 07:05 PM");
  });

  it("is the wall-clock reading picked, whatever the agent's time zone (midnight stays on its day)", () => {
    expect(pickedText("datetime", "2026-03-29T00:30", "en-GB")).toBe("Sun, 29 Mar 2026, 00:30");
    expect(pickedText("time", "00:00", "it")).toBe("00:00");
  });

  it("is nothing for a value that is not one", () => {
    expect(pickedText("date", "", "it")).toBeNull();
    expect(pickedText("time", "7:40", "it")).toBeNull();
    expect(pickedText("datetime", "2026-12-18", "it")).toBeNull();
    expect(pickedText("date", "2026-13-45", "it")).toBeNull();
  });

  it("falls back to English for a locale Intl cannot read", () => {
    expect(pickedText("time", "07:40", "not a locale!")).toBe("07:40 AM");
  });
});

describe("what a picker kind sends", () => {
  it("sends a time as text (as the prefill does) and a date or date-time as WhatsApp's date_time", () => {
    expect(pickerValue("time", "09:35")).toEqual({ type: "text", text: "09:35" });
    expect(pickerValue("date", "ven 18 dic 2026")).toEqual({ type: "date_time", fallback: "ven 18 dic 2026" });
    expect(pickerValue("datetime", "domani\tsera")).toEqual({ type: "date_time", fallback: "domani sera" });
    expect(pickerValue("time", "")).toBeUndefined();
  });

  it("shows either kind of value in the free-text box", () => {
    expect(pickerText({ type: "text", text: "09:35" })).toBe("09:35");
    expect(pickerText({ type: "date_time", fallback: "Fri, 18 Dec 2026" })).toBe("Fri, 18 Dec 2026");
    expect(pickerText(undefined)).toBe("");
  });
});
