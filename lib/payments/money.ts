// Money as integers in the currency's minor unit (ISO 4217 exponent: EUR 2 → cents, JPY 0,
// KWD 3 → fils). Pure: the server computes every total here and never trusts one a client sends.
//
// Choices (documented in the API too):
// - Tax rates are basis points (2200 = 22 %); the API takes a percent with at most two decimals.
// - Tax is computed ONCE on the discounted subtotal and rounded half away from zero (commercial
//   rounding), not per line: card acquirers charge one integer amount, and rounding once keeps
//   the sum of parts equal to the total with no per-line drift. Banker's rounding is for
//   aggregates of many roundings, which this avoids.
// - Arithmetic that can pass 2^53 (amount × basis points) runs in BigInt.

/** ISO 4217 minor-unit exponents of the currencies we accept. */
export const CURRENCY_EXPONENTS = {
  EUR: 2, USD: 2, GBP: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, HUF: 2, RON: 2, TRY: 2,
  AUD: 2, CAD: 2, NZD: 2, SGD: 2, HKD: 2, CNY: 2, INR: 2, BRL: 2, MXN: 2, ZAR: 2, AED: 2, SAR: 2,
  ILS: 2, THB: 2, MYR: 2, IDR: 2, EGP: 2, MAD: 2,
  JPY: 0, KRW: 0, CLP: 0, ISK: 0, VND: 0, XOF: 0,
  KWD: 3, BHD: 3, JOD: 3, OMR: 3, TND: 3,
} as const satisfies Record<string, 0 | 2 | 3>;

export type Currency = keyof typeof CURRENCY_EXPONENTS;
export const CURRENCIES = Object.keys(CURRENCY_EXPONENTS) as Currency[];

export function isCurrency(code: string): code is Currency {
  return Object.hasOwn(CURRENCY_EXPONENTS, code);
}

export function exponentOf(currency: Currency): number {
  return CURRENCY_EXPONENTS[currency];
}

/** The largest total we accept: far above any fee, and safely inside 2^53. */
export const MAX_AMOUNT = 10_000_000_000_000;
export const MAX_QUANTITY = 1000;
export const MAX_TAX_BPS = 10_000;

export type LineItemInput = { name: string; quantity: number; unitAmount: number };
export type LineItem = LineItemInput & { amount: number };

export type Totals = {
  lineItems: LineItem[];
  subtotal: number;
  discount: number;
  tax: number;
  total: number;
};

export class MoneyError extends Error {
  constructor(
    readonly reason: "amount_invalid" | "quantity_invalid" | "discount_too_large" | "total_not_positive" | "total_too_large" | "tax_rate_invalid",
    message: string,
  ) {
    super(message);
  }
}

/** Half away from zero of n / d for non-negative BigInts. */
function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/** A percent (22, 7.5, 0.25) as basis points; more than two decimals is refused, not rounded. */
export function percentToBps(percent: number): number {
  const bps = Math.round(percent * 100);
  if (!Number.isFinite(percent) || percent < 0 || Math.abs(bps - percent * 100) > 1e-6 || bps > MAX_TAX_BPS) {
    throw new MoneyError("tax_rate_invalid", "The tax rate must be a percent between 0 and 100 with at most two decimals.");
  }
  return bps;
}

export function bpsToPercent(bps: number): number {
  return bps / 100;
}

/** Line items × quantity, the discount off the subtotal, tax on what remains, the total. */
export function computeTotals({ lineItems, taxRateBps = 0, discount = 0 }: { lineItems: LineItemInput[]; taxRateBps?: number; discount?: number }): Totals {
  if (!Number.isInteger(taxRateBps) || taxRateBps < 0 || taxRateBps > MAX_TAX_BPS) throw new MoneyError("tax_rate_invalid", "The tax rate must be between 0 and 100 %.");
  if (!Number.isSafeInteger(discount) || discount < 0) throw new MoneyError("amount_invalid", "The discount must be a whole, non-negative number of minor units.");
  const items: LineItem[] = lineItems.map((li) => {
    if (!Number.isInteger(li.quantity) || li.quantity < 1 || li.quantity > MAX_QUANTITY) throw new MoneyError("quantity_invalid", `A quantity must be a whole number from 1 to ${MAX_QUANTITY}.`);
    if (!Number.isSafeInteger(li.unitAmount) || li.unitAmount < 0 || li.unitAmount > MAX_AMOUNT) throw new MoneyError("amount_invalid", "A unit amount must be a whole, non-negative number of minor units.");
    return { name: li.name, quantity: li.quantity, unitAmount: li.unitAmount, amount: li.quantity * li.unitAmount };
  });
  const subtotal = items.reduce((s, li) => s + BigInt(li.amount), 0n);
  if (BigInt(discount) > subtotal) throw new MoneyError("discount_too_large", "The discount cannot be larger than the subtotal.");
  const taxable = subtotal - BigInt(discount);
  const tax = divRoundHalfUp(taxable * BigInt(taxRateBps), 10_000n);
  const total = taxable + tax;
  if (total <= 0n) throw new MoneyError("total_not_positive", "The total must be more than zero.");
  if (total > BigInt(MAX_AMOUNT)) throw new MoneyError("total_too_large", "The total is too large.");
  return { lineItems: items, subtotal: Number(subtotal), discount, tax: Number(tax), total: Number(total) };
}

/** `amount_1000` for template currency parameters: the amount × 1000 in major units. */
export function toAmount1000(minor: number, currency: Currency): number {
  return minor * 10 ** (3 - exponentOf(currency));
}

/** WhatsApp order_details `{ value, offset }`: value / offset is the major amount. */
export function toOfferAmount(minor: number, currency: Currency): { value: number; offset: number } {
  return { value: minor, offset: 10 ** exponentOf(currency) };
}

/** Decimal string of the major amount ("90.00", "1500", "1.250"), exact, for providers and exports. */
export function toMajorString(minor: number, currency: Currency): string {
  const exp = exponentOf(currency);
  if (exp === 0) return String(minor);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, "0");
  return `${neg ? "-" : ""}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** "€90.00" / "90,00 €" in the reader's locale, with exactly the ISO number of decimals. */
export function formatMoney(minor: number, currency: Currency, locale = "en"): string {
  const exp = exponentOf(currency);
  const fmt = new Intl.NumberFormat(locale, { style: "currency", currency, minimumFractionDigits: exp, maximumFractionDigits: exp });
  // Through the decimal string, so no binary fraction ever reaches the formatter's rounding.
  return fmt.format(toMajorString(minor, currency) as unknown as number);
}
