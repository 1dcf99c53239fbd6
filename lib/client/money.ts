// Money in the browser: amounts are integers in the currency's minor unit (as the API speaks
// them), shown and typed in the reader's language with exactly the currency's decimals (EUR 2,
// JPY 0, KWD 3). Pure: the composer, the card, the payments page and the tests share it. The
// server computes every total; these only format and read what a person types.
import type { AppLocale } from "@/i18n/locales";
import { exponentOf, formatMoney as formatMinor, isCurrency, type Currency } from "@/lib/payments/money";
import { intlTag } from "./format";

export { exponentOf, isCurrency, type Currency };

/** "€90.00" / "90,00 €", "¥1,500", "KWD 1.250": an amount in minor units, in the reader's language. */
export function formatMoney(minor: number, currency: string, locale: AppLocale): string {
  if (!isCurrency(currency)) return `${minor} ${currency}`;
  return formatMinor(minor, currency, intlTag(locale));
}

/** The symbol the reader's language writes for a currency ("€", "¥", "KWD"), for an input's prefix. */
export function currencySymbol(currency: Currency, locale: AppLocale): string {
  const parts = new Intl.NumberFormat(intlTag(locale), { style: "currency", currency }).formatToParts(0);
  return parts.find((p) => p.type === "currency")?.value ?? currency;
}

function separators(locale: AppLocale): { decimal: string; group: string } {
  const parts = new Intl.NumberFormat(intlTag(locale)).formatToParts(12345.6);
  return { decimal: parts.find((p) => p.type === "decimal")?.value ?? ".", group: parts.find((p) => p.type === "group")?.value ?? "," };
}

/** An amount as an input shows it for editing: the decimal separator of the language, no grouping ("1234,50"). */
export function toMoneyInput(minor: number, currency: Currency, locale: AppLocale): string {
  const exp = exponentOf(currency);
  const digits = String(Math.abs(minor)).padStart(exp + 1, "0");
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  return `${minor < 0 ? "-" : ""}${whole}${exp === 0 ? "" : `${separators(locale).decimal}${digits.slice(-exp)}`}`;
}

export type MoneyParse = { ok: true; minor: number } | { ok: false; reason: "empty" | "invalid" | "decimals" | "too_large" };

/** The largest amount the API takes (lib/payments/money.ts MAX_AMOUNT). */
const MAX_MINOR = 10_000_000_000_000;

/**
 * What a person typed, as minor units, exactly (no floating point): "90", "90.5", "90,50",
 * "1.234,56" (Italian), "1,234.56" (English), "€ 90". The language's decimal separator is always
 * decimal; the other one is grouping when every group after it has three digits, else decimal
 * (an English speaker typing "90,5" in Italian means 90.50). More decimals than the currency
 * has is refused, never rounded: "1.255" EUR is a typo, not €1.26.
 */
export function parseMoneyInput(text: string, currency: Currency, locale: AppLocale): MoneyParse {
  const exp = exponentOf(currency);
  const raw = text.replace(/[\s\u00a0\u202f]/g, "").replace(/[^\d.,'-]/g, (c) => (/\p{Sc}|[A-Za-z]/u.test(c) ? "" : c));
  if (!raw) return { ok: false, reason: "empty" };
  if (!/^\d[\d.,']*$/.test(raw)) return { ok: false, reason: "invalid" };
  const { decimal } = separators(locale);
  const other = decimal === "," ? "." : ",";
  let s = raw.replace(/'/g, "");
  let whole: string;
  let frac = "";
  const lastDecimal = s.lastIndexOf(decimal);
  if (lastDecimal >= 0) {
    whole = s.slice(0, lastDecimal);
    frac = s.slice(lastDecimal + 1);
    if (frac.includes(other) || frac.includes(decimal)) return { ok: false, reason: "invalid" };
    if (whole.includes(decimal)) return { ok: false, reason: "invalid" };
    if (whole.includes(other) && !groupedByThousands(whole, other)) return { ok: false, reason: "invalid" };
    whole = whole.split(other).join("");
  } else if (s.includes(other)) {
    if (groupedByThousands(s, other) && !(exp > 0 && s.split(other).length === 2 && s.split(other)[1]!.length < 3)) {
      whole = s.split(other).join("");
    } else if (s.split(other).length === 2) {
      [whole, frac] = s.split(other) as [string, string];
    } else return { ok: false, reason: "invalid" };
  } else {
    whole = s;
  }
  s = whole;
  if (!/^\d+$/.test(s) || !/^\d*$/.test(frac)) return { ok: false, reason: "invalid" };
  if (frac.length > exp) return { ok: false, reason: "decimals" };
  const minorText = `${s}${frac.padEnd(exp, "0")}`.replace(/^0+(?=\d)/, "");
  if (minorText.length > 16) return { ok: false, reason: "too_large" };
  const minor = Number(minorText);
  if (!Number.isSafeInteger(minor) || minor > MAX_MINOR) return { ok: false, reason: "too_large" };
  return { ok: true, minor };
}

/** "1.234.567" with "." → true: the first group has 1–3 digits, every other exactly 3. */
function groupedByThousands(s: string, sep: string): boolean {
  const groups = s.split(sep);
  return groups.length > 1 && /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
}

/** A percent as typed ("22", "7,5", "7.5") with at most two decimals, or null. */
export function parsePercent(text: string): number | null {
  const s = text.trim().replace(/\s*%$/, "").replace(",", ".");
  if (!s) return null;
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(s)) return Number.NaN;
  const n = Number(s);
  return n <= 100 ? n : Number.NaN;
}
