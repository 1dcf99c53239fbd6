import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { en } from "@/messages";
import { it as it_ } from "@/messages";
import type { AppLocale } from "@/i18n/locales";
import { clockTime, compactDuration, datetimeLocalValue, dayKey, dayLabel, formatDate, formatNumber, fullDateTime, localeName, localTimeIn, relativeAgo, shortRelative, type FormatContext } from "./format";

const ctx = (locale: AppLocale): FormatContext => {
  const t = createTranslator({ locale, messages: locale === "en" ? en : it_, namespace: "time" });
  return { locale, t: (key, values) => t(key, values as never) };
};

// Local times, so the test reads the same in any time zone.
const NOW = new Date(2025, 2, 12, 15, 30); // Wednesday 12 March 2025, 15:30
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const MIN = 60_000;

describe("format, in English and Italian", () => {
  it("shortRelative: the list's compact time column", () => {
    const cases: [string, string, string][] = [
      [ago(10_000), "now", "ora"],
      [ago(50_000), "50s", "50 s"],
      [ago(5 * MIN), "5m", "5 min"],
      [ago(3 * 60 * MIN), "3h", "3 h"],
      [ago(2 * 24 * 60 * MIN), "2d", "2 g"],
      [new Date(2025, 0, 20, 9, 0).toISOString(), "20 Jan", "20 gen"],
      [new Date(2024, 11, 31, 9, 0).toISOString(), "31 Dec 2024", "31 dic 2024"],
    ];
    for (const [iso, textEn, textIt] of cases) {
      expect(shortRelative(iso, NOW, ctx("en"))).toBe(textEn);
      expect(shortRelative(iso, NOW, ctx("it"))).toBe(textIt);
    }
  });

  it("compactDuration: waits and what is left of the reply window", () => {
    expect(compactDuration(42, ctx("en"))).toBe("42m");
    expect(compactDuration(42, ctx("it"))).toBe("42 min");
    expect(compactDuration(125, ctx("en"))).toBe("2h 5m");
    expect(compactDuration(125, ctx("it"))).toBe("2 h 5 min");
    expect(compactDuration(4 * 1440 + 3, ctx("en"))).toBe("4d");
    expect(compactDuration(4 * 1440 + 3, ctx("it"))).toBe("4 g");
  });

  it("dayLabel: the thread's day separators, capitalised", () => {
    expect(dayLabel(new Date(2025, 2, 12, 8), NOW, ctx("en"))).toBe("Today");
    expect(dayLabel(new Date(2025, 2, 12, 8), NOW, ctx("it"))).toBe("Oggi");
    expect(dayLabel(new Date(2025, 2, 11, 23), NOW, ctx("it"))).toBe("Ieri");
    expect(dayLabel(new Date(2025, 2, 10, 9), NOW, ctx("en"))).toBe("Monday");
    expect(dayLabel(new Date(2025, 2, 10, 9), NOW, ctx("it"))).toBe("Lunedì");
    expect(dayLabel(new Date(2025, 1, 3, 9), NOW, ctx("en"))).toBe("Monday 3 February");
    expect(dayLabel(new Date(2025, 1, 3, 9), NOW, ctx("it"))).toBe("Lunedì 3 febbraio");
    expect(dayLabel(new Date(2024, 1, 3, 9), NOW, ctx("it"))).toBe("3 febbraio 2024");
  });

  it("dates, numbers and ago", () => {
    const at = new Date(2025, 2, 10, 14, 5);
    expect(fullDateTime(at.toISOString(), "en")).toBe("Monday 10 March 2025, 14:05");
    expect(fullDateTime(at.toISOString(), "it")).toBe("lunedì 10 marzo 2025, 14:05");
    expect(formatDate(at, "EEE d MMM, HH:mm", "it")).toBe("lun 10 mar, 14:05");
    expect(formatNumber(12345, "en")).toBe("12,345");
    expect(formatNumber(12345, "it")).toBe("12.345");
    expect(relativeAgo(ago(3_000), NOW, ctx("en"))).toBe("just now");
    expect(relativeAgo(ago(3_000), NOW, ctx("it"))).toBe("poco fa");
    expect(relativeAgo(ago(5 * MIN), NOW, ctx("en"))).toBe("5 minutes ago");
    expect(relativeAgo(ago(5 * MIN), NOW, ctx("it"))).toBe("5 minuti fa");
  });

  it("contact language and local time", () => {
    expect(localeName("it_IT", "en")).toBe("Italian (it-IT)");
    expect(localeName("de", "it")).toBe("Tedesco (de)");
    expect(localeName(null, "it")).toBeNull();
    const utcNoon = new Date(Date.UTC(2025, 2, 10, 12, 0));
    expect(localTimeIn("Europe/Rome", utcNoon, "en")).toBe("Mon 13:00");
    expect(localTimeIn("Europe/Rome", utcNoon, "it")).toBe("lun 13:00");
    expect(localTimeIn("Not/AZone", utcNoon, "it")).toBeNull();
  });
});

describe("formatDate and relativeAgo, as date-fns said them", () => {
  it("every pattern the UI uses, in both languages", () => {
    const at = new Date(2025, 8, 7, 9, 3); // Sunday 7 September 2025, 09:03
    expect(formatDate(at, "EEE d MMM, HH:mm", "en")).toBe("Sun 7 Sep, 09:03");
    expect(formatDate(at, "EEE HH:mm", "it")).toBe("dom 09:03");
    expect(formatDate(at, "d MMM yyyy, HH:mm", "it")).toBe("7 set 2025, 09:03");
    expect(formatDate(at, "d MMM yyyy", "en")).toBe("7 Sep 2025");
    expect(formatDate(at, "EEEE d MMMM yyyy, HH:mm", "it")).toBe("domenica 7 settembre 2025, 09:03");
    expect(formatDate(at, "yyyy-MM-dd'T'HH:mm", "en")).toBe("2025-09-07T09:03");
    expect(datetimeLocalValue(at)).toBe("2025-09-07T09:03");
    expect(clockTime(at.toISOString())).toBe("09:03");
    expect(dayKey(at)).toBe("2025-09-07");
    expect(() => formatDate(at, "PPP", "en")).toThrow(RangeError);
  });

  it("relativeAgo: seconds to years, rounded like formatDistanceStrict", () => {
    const cases: [number, string, string][] = [
      [45_000, "45 seconds ago", "45 secondi fa"],
      [59.6 * MIN, "60 minutes ago", "60 minuti fa"],
      [3 * 60 * MIN, "3 hours ago", "3 ore fa"],
      [36 * 60 * MIN, "2 days ago", "2 giorni fa"],
      [65 * 1440 * MIN, "2 months ago", "2 mesi fa"],
      [500 * 1440 * MIN, "1 year ago", "un anno fa"],
      [MIN, "1 minute ago", "un minuto fa"],
    ];
    for (const [ms, textEn, textIt] of cases) {
      const at = new Date(NOW.getTime() - ms);
      const dst = (NOW.getTimezoneOffset() - at.getTimezoneOffset()) * MIN;
      // A daylight-saving change in between moves day and longer distances the way date-fns did.
      if (ms >= 1440 * MIN && dst !== 0) continue;
      expect(relativeAgo(at.toISOString(), NOW, ctx("en"))).toBe(textEn);
      expect(relativeAgo(at.toISOString(), NOW, ctx("it"))).toBe(textIt);
    }
  });
});
