import { describe, expect, it } from "vitest";
import { computeTotals, CURRENCIES, exponentOf, formatMoney, MoneyError, percentToBps, toAmount1000, toMajorString, toOfferAmount } from "./money";

describe("computeTotals", () => {
  it("multiplies line items by quantity and sums them", () => {
    const t = computeTotals({ lineItems: [{ name: "Seat upgrade", quantity: 2, unitAmount: 4500 }, { name: "Bag", quantity: 1, unitAmount: 3000 }] });
    expect(t).toMatchObject({ subtotal: 12000, discount: 0, tax: 0, total: 12000 });
    expect(t.lineItems.map((l) => l.amount)).toEqual([9000, 3000]);
  });

  it("takes the discount off before tax and rounds the tax once, half up", () => {
    // 1999 − 0 at 22 % = 439.78 → 440; at 10 % = 199.9 → 200; 25 at 10 % = 2.5 → 3 (half up, not to even).
    expect(computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 1999 }], taxRateBps: 2200 })).toMatchObject({ tax: 440, total: 2439 });
    expect(computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 25 }], taxRateBps: 1000 })).toMatchObject({ tax: 3, total: 28 });
    expect(computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 35 }], taxRateBps: 1000 })).toMatchObject({ tax: 4, total: 39 });
    expect(computeTotals({ lineItems: [{ name: "x", quantity: 3, unitAmount: 1000 }], taxRateBps: 1000, discount: 500 })).toMatchObject({ subtotal: 3000, discount: 500, tax: 250, total: 2750 });
  });

  it("rounds once on the subtotal, not per line (no drift)", () => {
    // Per line: 3 × round(0.5) = 3; once: round(1.5) = 2.
    const t = computeTotals({ lineItems: [1, 2, 3].map((i) => ({ name: `l${i}`, quantity: 1, unitAmount: 5 })), taxRateBps: 1000 });
    expect(t.tax).toBe(2);
  });

  it("handles zero-decimal and three-decimal currencies the same way (amounts are minor units)", () => {
    expect(computeTotals({ lineItems: [{ name: "Upgrade", quantity: 1, unitAmount: 12000 }], taxRateBps: 1000 }).total).toBe(13200); // JPY 13,200
    expect(computeTotals({ lineItems: [{ name: "Bag", quantity: 1, unitAmount: 12345 }], taxRateBps: 500 }).total).toBe(12962); // KWD 12.962
  });

  it("stays exact beyond 2^53 intermediate products (BigInt tax)", () => {
    const t = computeTotals({ lineItems: [{ name: "big", quantity: 1000, unitAmount: 9_000_000_000 }], taxRateBps: 1 });
    expect(t.subtotal).toBe(9_000_000_000_000);
    expect(t.tax).toBe(900_000_000);
  });

  it("refuses bad input", () => {
    const bad = (f: () => unknown, reason: string) => {
      try {
        f();
        throw new Error("no error");
      } catch (e) {
        expect(e).toBeInstanceOf(MoneyError);
        expect((e as MoneyError).reason).toBe(reason);
      }
    };
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 0, unitAmount: 1 }] }), "quantity_invalid");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1.5, unitAmount: 1 }] }), "quantity_invalid");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 1.5 }] }), "amount_invalid");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: -1 }] }), "amount_invalid");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 100 }], discount: 101 }), "discount_too_large");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 100 }], discount: 100 }), "total_not_positive");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1000, unitAmount: 10_000_000_000_000 }] }), "total_too_large");
    bad(() => computeTotals({ lineItems: [{ name: "x", quantity: 1, unitAmount: 1 }], taxRateBps: 10_001 }), "tax_rate_invalid");
  });
});

describe("percentToBps", () => {
  it("accepts up to two decimals and refuses more", () => {
    expect(percentToBps(22)).toBe(2200);
    expect(percentToBps(7.5)).toBe(750);
    expect(percentToBps(0.01)).toBe(1);
    expect(() => percentToBps(7.125)).toThrow(MoneyError);
    expect(() => percentToBps(-1)).toThrow(MoneyError);
    expect(() => percentToBps(101)).toThrow(MoneyError);
  });
});

describe("encodings", () => {
  it("uses the ISO 4217 exponents", () => {
    expect([exponentOf("EUR"), exponentOf("JPY"), exponentOf("KWD"), exponentOf("INR"), exponentOf("CHF")]).toEqual([2, 0, 3, 2, 2]);
    for (const c of CURRENCIES) expect([0, 2, 3]).toContain(exponentOf(c));
  });

  it("converts to amount_1000 (minor × 10^(3 − exponent))", () => {
    expect(toAmount1000(9000, "EUR")).toBe(90000);
    expect(toAmount1000(1500, "JPY")).toBe(1500000);
    expect(toAmount1000(1250, "KWD")).toBe(1250);
  });

  it("converts to WhatsApp's { value, offset }", () => {
    expect(toOfferAmount(9000, "INR")).toEqual({ value: 9000, offset: 100 });
    expect(toOfferAmount(1500, "JPY")).toEqual({ value: 1500, offset: 1 });
  });

  it("writes the exact major amount", () => {
    expect(toMajorString(9000, "EUR")).toBe("90.00");
    expect(toMajorString(5, "EUR")).toBe("0.05");
    expect(toMajorString(1500, "JPY")).toBe("1500");
    expect(toMajorString(1250, "KWD")).toBe("1.250");
  });

  it("formats in the reader's locale with the ISO decimals", () => {
    expect(formatMoney(9000, "EUR", "en")).toBe("€90.00");
    expect(formatMoney(9000, "EUR", "it").replace(/\s/g, " ")).toBe("90,00 €");
    expect(formatMoney(1500, "JPY", "en")).toBe("¥1,500");
    expect(formatMoney(1250, "KWD", "en").replace(/\s/g, " ")).toBe("KWD 1.250");
    expect(formatMoney(123456789, "INR", "en-IN")).toBe("₹12,34,567.89");
  });
});
