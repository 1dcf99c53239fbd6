import { describe, expect, it } from "vitest";
import { currencySymbol, formatMoney, parseMoneyInput, parsePercent, toMoneyInput } from "./money";

describe("money in the browser", () => {
  it("formats minor units in the reader's language with exactly the currency's decimals", () => {
    const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");
    expect(formatMoney(9000, "EUR", "en")).toBe("€90.00");
    expect(plain(formatMoney(9000, "EUR", "it"))).toBe("90,00 €");
    expect(plain(formatMoney(1234567, "EUR", "it"))).toBe("12.345,67 €");
    expect(formatMoney(1500, "JPY", "en")).toBe("JP¥1,500");
    expect(plain(formatMoney(1250, "KWD", "en"))).toBe("KWD 1.250");
    expect(formatMoney(5, "XXX", "en")).toBe("5 XXX");
  });

  it("shows an amount for editing without grouping, with the language's decimal separator", () => {
    expect(toMoneyInput(123456, "EUR", "en")).toBe("1234.56");
    expect(toMoneyInput(123456, "EUR", "it")).toBe("1234,56");
    expect(toMoneyInput(5, "EUR", "en")).toBe("0.05");
    expect(toMoneyInput(1500, "JPY", "it")).toBe("1500");
    expect(toMoneyInput(1250, "KWD", "en")).toBe("1.250");
  });

  it.each([
    ["90", "EUR", "en", 9000],
    ["90.5", "EUR", "en", 9050],
    ["90,5", "EUR", "en", 9050],
    ["1,234.56", "EUR", "en", 123456],
    ["1,500", "EUR", "en", 150000],
    ["€ 90.00", "EUR", "en", 9000],
    ["90,00 €", "EUR", "it", 9000],
    ["1.234,56", "EUR", "it", 123456],
    ["90.50", "EUR", "it", 9050],
    ["0.05", "EUR", "en", 5],
    ["1500", "JPY", "en", 1500],
    ["1,500", "JPY", "en", 1500],
    ["1.500", "JPY", "it", 1500],
    ["1.250", "KWD", "en", 1250],
    ["1,25", "KWD", "it", 1250],
    ["0.001", "KWD", "en", 1],
  ] as const)("reads %j in %s (%s) as %i minor units", (text, currency, locale, minor) => {
    expect(parseMoneyInput(text, currency, locale)).toEqual({ ok: true, minor });
  });

  it.each([
    ["", "EUR", "en", "empty"],
    ["   ", "EUR", "en", "empty"],
    ["abc", "EUR", "en", "empty"],
    ["-5", "EUR", "en", "invalid"],
    ["1.2.3", "EUR", "en", "invalid"],
    ["12,34,5", "EUR", "en", "invalid"],
    ["1.255", "EUR", "en", "decimals"],
    ["1.5", "JPY", "en", "decimals"],
    ["0.0001", "KWD", "en", "decimals"],
    ["99999999999999999", "EUR", "en", "too_large"],
  ] as const)("refuses %j in %s (%s): %s", (text, currency, locale, reason) => {
    expect(parseMoneyInput(text, currency, locale)).toEqual({ ok: false, reason });
  });

  it("names the currency's symbol for an input's prefix", () => {
    expect(currencySymbol("EUR", "it")).toBe("€");
    expect(currencySymbol("KWD", "en")).toBe("KWD");
  });

  it("reads a tax rate as a percent with at most two decimals", () => {
    expect(parsePercent("22")).toBe(22);
    expect(parsePercent("7,5 %")).toBe(7.5);
    expect(parsePercent("")).toBeNull();
    expect(parsePercent("101")).toBeNaN();
    expect(parsePercent("7.555")).toBeNaN();
  });
});
