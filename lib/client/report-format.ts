import type { AppLocale } from "@/i18n/locales";

// Numbers of the reports in the UI language: durations from seconds ("45s", "12m", "1h 05m",
// "2d 3h" / "12min", "2g 3h"), money from minor units, percentages. Pure.

const TAGS: Record<AppLocale, string> = { en: "en-GB", it: "it-IT" };

function unit(locale: AppLocale, u: "second" | "minute" | "hour" | "day", n: number): string {
  return new Intl.NumberFormat(TAGS[locale], { style: "unit", unit: u, unitDisplay: "narrow", maximumFractionDigits: 0 }).format(n);
}

export function formatSeconds(secs: number | null | undefined, locale: AppLocale): string {
  if (secs === null || secs === undefined) return "—";
  const s = Math.round(secs);
  if (s < 60) return unit(locale, "second", s);
  const m = Math.round(s / 60);
  if (m < 60) return unit(locale, "minute", m);
  if (m < 48 * 60) {
    const h = Math.floor(m / 60);
    const rest = m % 60;
    return rest ? `${unit(locale, "hour", h)} ${unit(locale, "minute", rest)}` : unit(locale, "hour", h);
  }
  const d = Math.floor(m / 1440);
  const h = Math.round((m % 1440) / 60);
  return h ? `${unit(locale, "day", d)} ${unit(locale, "hour", h)}` : unit(locale, "day", d);
}

/** An amount in the currency's minor unit (cents, yen): "€1,234.50". */
export function formatMoney(minor: number, currency: string, locale: AppLocale): string {
  try {
    const f = new Intl.NumberFormat(TAGS[locale], { style: "currency", currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

export function formatPercent(ratio: number | null | undefined, locale: AppLocale): string {
  if (ratio === null || ratio === undefined) return "—";
  return new Intl.NumberFormat(TAGS[locale], { style: "percent", maximumFractionDigits: 0 }).format(ratio);
}

export function formatDecimal(n: number | null | undefined, locale: AppLocale, digits = 1): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(TAGS[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
}

/** "18 Mar" / "18 mar" for a YYYY-MM-DD day (no time zone shift: it is a calendar day). */
export function formatDay(day: string, locale: AppLocale, opts: Intl.DateTimeFormatOptions = { day: "numeric", month: "short" }): string {
  return new Intl.DateTimeFormat(TAGS[locale], { ...opts, timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** Weekday names, Monday first ("Mon" / "lun"). */
export function weekdayNames(locale: AppLocale, weekday: "short" | "long" = "short"): string[] {
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => new Intl.DateTimeFormat(TAGS[locale], { weekday, timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, 1 + i))));
}
