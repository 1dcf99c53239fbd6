import { describe, expect, it } from "vitest";
import { formatMoney, formatSeconds, weekdayNames } from "./report-format";
import { presetRange, reportUrl, selectionFrom, selectionSearch, todayIn } from "./report-params";

describe("report selection in the URL", () => {
  it("defaults to the last 30 days and keeps a preset relative", () => {
    const sel = selectionFrom(new URLSearchParams(""), "2026-03-18");
    expect(sel).toEqual({ from: "2026-02-17", to: "2026-03-18", team: null, agent: null, preset: 30 });
    expect(selectionSearch({ ...sel, preset: 7, team: "t" })).toBe("range=7&team=t");
    expect(presetRange(7, "2026-03-01")).toEqual({ from: "2026-02-23", to: "2026-03-01" });
  });
  it("reads a custom range and builds the API URL", () => {
    const sel = selectionFrom(new URLSearchParams("from=2026-01-01&to=2026-01-31&agent=a"), "2026-03-18");
    expect(sel).toMatchObject({ from: "2026-01-01", to: "2026-01-31", agent: "a", preset: null });
    expect(selectionSearch(sel)).toBe("from=2026-01-01&to=2026-01-31&agent=a");
    expect(reportUrl(sel, "csv")).toBe("/api/reports?from=2026-01-01&to=2026-01-31&agent=a&format=csv");
  });
  it("knows today in the workspace's zone", () => {
    expect(todayIn("Europe/Rome", new Date("2026-03-17T23:30:00Z"))).toBe("2026-03-18");
    expect(todayIn("America/New_York", new Date("2026-03-18T03:00:00Z"))).toBe("2026-03-17");
  });
});

describe("report numbers", () => {
  it("says durations, money and weekdays in the UI language", () => {
    expect([45, 600, 3900, 86_400 * 2 + 3 * 3600].map((s) => formatSeconds(s, "en"))).toEqual(["45s", "10m", "1h 5m", "2d 3h"]);
    expect(formatSeconds(null, "en")).toBe("—");
    expect(formatMoney(123450, "EUR", "en")).toBe("€1,234.50");
    expect(formatMoney(500, "JPY", "en")).toMatch(/¥500$/);
    expect(weekdayNames("it")[0]).toBe("lun");
    expect(weekdayNames("en", "long")[6]).toBe("Sunday");
  });
});
