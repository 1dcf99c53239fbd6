import { differenceInCalendarDays, isSameDay, subDays } from "date-fns";
import type { AppLocale } from "@/i18n/locales";

// Every function here that shows words takes the UI locale (and, for our own words, the `time`
// namespace's translator), so it stays pure and testable; components get both from useFormat().
// Month and weekday names are our own tables (date-fns' en-GB and it words, letter for letter), not
// date-fns' `format` and its locales: those were ≈ 15 KiB gzip on every signed-in page (issue 14).

/** The `time` catalog namespace (next-intl's translator, or createTranslator's in tests). */
export type TimeWords = (key: "now" | "seconds" | "minutes" | "hours" | "hoursMinutes" | "days" | "today" | "yesterday" | "justNow", values?: Record<string, number>) => string;

export type FormatContext = { locale: AppLocale; t: TimeWords };

// British English for "en": day before month and a 24-hour clock, as the UI has always shown.
const INTL_TAGS: Record<AppLocale, string> = { en: "en-GB", it: "it-IT" };

type Names = { months: string[]; monthsShort: string[]; days: string[]; daysShort: string[] };
const NAMES: Record<AppLocale, Names> = {
  en: {
    months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    monthsShort: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    days: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    daysShort: ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
  },
  it: {
    months: ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    monthsShort: ["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
    days: ["domenica", "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"],
    daysShort: ["dom", "lun", "mar", "mer", "gio", "ven", "sab"],
  },
};

/** The BCP 47 tag Intl formats this UI language with ("en" → "en-GB"). */
export function intlTag(locale: AppLocale): string {
  return INTL_TAGS[locale] ?? locale;
}

/** "lunedì 3 marzo" → "Lunedì 3 marzo": Italian names are lower-case, but a label starts a sentence. */
function capitalize(s: string, locale: AppLocale): string {
  return s.charAt(0).toLocaleUpperCase(INTL_TAGS[locale]) + s.slice(1);
}

/** "Giulia Romano" → "GR"; a phone number → its last two digits. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return name.replace(/\D/g, "").slice(-2) || "?";
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** The date-fns pattern letters the UI uses, in local time; 'quoted' text is literal. */
const TOKENS: Record<string, (d: Date, n: Names) => string> = {
  EEEE: (d, n) => n.days[d.getDay()]!,
  EEE: (d, n) => n.daysShort[d.getDay()]!,
  dd: (d) => pad2(d.getDate()),
  d: (d) => String(d.getDate()),
  MMMM: (d, n) => n.months[d.getMonth()]!,
  MMM: (d, n) => n.monthsShort[d.getMonth()]!,
  MM: (d) => pad2(d.getMonth() + 1),
  yyyy: (d) => String(d.getFullYear()),
  HH: (d) => pad2(d.getHours()),
  mm: (d) => pad2(d.getMinutes()),
};
const TOKEN_RE = /'([^']*)'|EEEE|EEE|dd|d|MMMM|MMM|MM|yyyy|HH|mm|[A-Za-z]|[^A-Za-z']+/g;

/**
 * A date-fns-style pattern in the UI language ("EEE d MMM, HH:mm" → "Mon 3 Mar, 14:05" / "lun 3 mar, 14:05"),
 * with the letters the UI uses: EEEE EEE d dd MMMM MMM MM yyyy HH mm. Any other letter is a bug.
 */
export function formatDate(date: Date | string, pattern: string, locale: AppLocale): string {
  const d = typeof date === "string" ? new Date(date) : date;
  const names = NAMES[locale] ?? NAMES.en;
  return pattern.replace(TOKEN_RE, (m, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted;
    const token = TOKENS[m];
    if (token) return token(d, names);
    if (/^[A-Za-z]$/.test(m)) throw new RangeError(`formatDate: unsupported pattern letter "${m}" in "${pattern}"`);
    return m;
  });
}

/** "now", "5m", "3h", "2d", then a date: the list's compact time column. */
export function shortRelative(iso: string, now: Date, { locale, t }: FormatContext): string {
  const date = new Date(iso);
  const seconds = Math.floor((now.getTime() - date.getTime()) / 1000);
  if (seconds < 45) return t("now");
  if (differenceInCalendarDays(now, date) >= 7) {
    return formatDate(date, date.getFullYear() === now.getFullYear() ? "d MMM" : "d MMM yyyy", locale);
  }
  if (seconds < 60) return t("seconds", { count: seconds });
  if (seconds < 3600) return t("minutes", { count: Math.floor(seconds / 60) });
  if (seconds < 86_400) return t("hours", { count: Math.floor(seconds / 3600) });
  return t("days", { count: Math.floor(seconds / 86_400) });
}

/** A wait or what is left of one: "5m", "2h 5m", past two days "3d". */
export function compactDuration(minutes: number, { t }: Pick<FormatContext, "t">): string {
  const m = Math.max(0, Math.floor(minutes));
  if (m < 60) return t("minutes", { count: m });
  if (m < 48 * 60) return t("hoursMinutes", { hours: Math.floor(m / 60), minutes: m % 60 });
  return t("days", { count: Math.floor(m / 1440) });
}

/** "just now", then "5 minutes ago" / "5 minuti fa". */
export function relativeAgo(iso: string, now: Date, { locale, t }: FormatContext): string {
  const at = new Date(Math.min(new Date(iso).getTime(), now.getTime()));
  if (now.getTime() - at.getTime() < 10_000) return t("justNow");
  const unit = distanceUnit(at, now);
  const count = distance(at, now);
  const [one, other] = DISTANCE_WORDS[locale][unit];
  const words = count === 1 ? one : other.replace("#", String(count));
  return locale === "it" ? `${words} fa` : `${words} ago`;
}

type DistanceUnit = "second" | "minute" | "hour" | "day" | "month" | "year";
// date-fns' en-GB and it words for a strict distance, [one, other].
const DISTANCE_WORDS: Record<AppLocale, Record<DistanceUnit, [string, string]>> = {
  en: { second: ["1 second", "# seconds"], minute: ["1 minute", "# minutes"], hour: ["1 hour", "# hours"], day: ["1 day", "# days"], month: ["1 month", "# months"], year: ["1 year", "# years"] },
  it: { second: ["un secondo", "# secondi"], minute: ["un minuto", "# minuti"], hour: ["un'ora", "# ore"], day: ["un giorno", "# giorni"], month: ["un mese", "# mesi"], year: ["un anno", "# anni"] },
};

const MINUTE = 60_000;
// date-fns' formatDistanceStrict: rounded, the same unit thresholds, days and longer corrected for a
// daylight-saving change in between ("5 minutes ago" / "5 minuti fa").
function distanceUnit(at: Date, now: Date): DistanceUnit {
  const ms = now.getTime() - at.getTime();
  const dstMinutes = (ms - (now.getTimezoneOffset() - at.getTimezoneOffset()) * MINUTE) / MINUTE;
  if (ms < MINUTE) return "second";
  if (ms < 60 * MINUTE) return "minute";
  if (ms < 1440 * MINUTE) return "hour";
  if (dstMinutes < 43_200) return "day";
  if (dstMinutes < 525_600) return Math.round(dstMinutes / 43_200) === 12 ? "year" : "month";
  return "year";
}
function distance(at: Date, now: Date): number {
  const ms = now.getTime() - at.getTime();
  const dstMinutes = (ms - (now.getTimezoneOffset() - at.getTimezoneOffset()) * MINUTE) / MINUTE;
  switch (distanceUnit(at, now)) {
    case "second":
      return Math.round(ms / 1000);
    case "minute":
      return Math.round(ms / MINUTE);
    case "hour":
      return Math.round(ms / (60 * MINUTE));
    case "day":
      return Math.round(dstMinutes / 1440);
    case "month":
      return Math.round(dstMinutes / 43_200);
    default:
      return dstMinutes < 525_600 ? 1 : Math.round(dstMinutes / 525_600);
  }
}

export function fullDateTime(iso: string, locale: AppLocale): string {
  return formatDate(iso, "EEEE d MMMM yyyy, HH:mm", locale);
}

export function clockTime(iso: string): string {
  const d = new Date(iso);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/** The day separators of a thread: "Today", "Yesterday", "Monday", "Monday 3 March", "3 March 2024". */
export function dayLabel(date: Date, now: Date, { locale, t }: FormatContext): string {
  if (isSameDay(date, now)) return t("today");
  if (isSameDay(date, subDays(now, 1))) return t("yesterday");
  const pattern = differenceInCalendarDays(now, date) < 7 ? "EEEE" : date.getFullYear() === now.getFullYear() ? "EEEE d MMMM" : "d MMMM yyyy";
  return capitalize(formatDate(date, pattern, locale), locale);
}

export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** The value of an `<input type="datetime-local">`: "2025-03-10T14:05", local time. */
export function datetimeLocalValue(date: Date): string {
  return `${dayKey(date)}T${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}

/** The time now in a contact's timezone ("Mon 14:05" / "lun 14:05"), or null if the zone is unknown or invalid. */
export function localTimeIn(timeZone: string | null | undefined, now: Date, locale: AppLocale): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat(INTL_TAGS[locale], { timeZone, hour: "2-digit", minute: "2-digit", weekday: "short" }).format(now);
  } catch {
    return null;
  }
}

/** A contact's language in the UI language: "it_IT" → "Italian (it-IT)" / "italiano (it-IT)". */
export function localeName(tagOrNull: string | null | undefined, locale: AppLocale): string | null {
  if (!tagOrNull) return null;
  try {
    const tag = tagOrNull.replace("_", "-");
    const lang = tag.split("-")[0] ?? tag;
    const name = new Intl.DisplayNames([locale], { type: "language" }).of(lang);
    return name && name !== lang ? `${capitalize(name, locale)} (${tag})` : tag;
  } catch {
    return tagOrNull;
  }
}

/** A template language in its own words: "en_US" → "English", "it" → "Italiano". */
export function languageAutonym(code: string): string {
  const lang = code.split(/[_-]/)[0] ?? code;
  try {
    const name = new Intl.DisplayNames([lang], { type: "language" }).of(lang);
    return name && name !== lang ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : code;
  } catch {
    return code;
  }
}

export function formatNumber(n: number, locale: AppLocale): string {
  return new Intl.NumberFormat(INTL_TAGS[locale]).format(n);
}

/** Phone numbers are stored as WhatsApp sends them (digits only): show them in international form. */
export function formatPhone(phone: string): string {
  return /^\d{6,15}$/.test(phone) ? `+${phone}` : phone;
}
