import { describe, expect, it } from "vitest";
import { isAppLocale, negotiateLocale } from "./locales";

describe("negotiateLocale (Accept-Language → en | it)", () => {
  it.each([
    ["it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7", "it"],
    ["en-US,en;q=0.9,it;q=0.8", "en"],
    ["it-CH", "it"],
    ["de-DE,de;q=0.9,it;q=0.5,en;q=0.4", "it"],
    ["fr;q=0.9, en;q=0.2, it;q=0.8", "it"],
    ["EN-gb", "en"],
    ["*", null],
    ["de-DE,fr", null],
    ["it;q=0, en;q=0.1", "en"],
    ["", null],
  ])("%j → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });

  it("has nothing to say without a header", () => {
    expect(negotiateLocale(null)).toBeNull();
    expect(negotiateLocale(undefined)).toBeNull();
  });

  it("knows exactly the app's locales", () => {
    expect(isAppLocale("en")).toBe(true);
    expect(isAppLocale("it")).toBe(true);
    expect(isAppLocale("it-IT")).toBe(false);
    expect(isAppLocale(null)).toBe(false);
  });
});
