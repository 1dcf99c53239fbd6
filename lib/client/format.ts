import { differenceInCalendarDays, format, formatDistanceStrict, isSameDay, subDays, type Locale as DateFnsLocale } from "date-fns";
import { enGB, it } from "date-fns/locale";
import type { AppLocale } from "@/i18n/locales";

// Every function here that shows words takes the UI locale (and, for our own words, the `time`
// namespace's translator), so it stays pure and testable; components get both from useFormat().

/** The `time` catalog namespace (next-intl's translator, or createTranslator's in tests). */
export type TimeWords = (key: "now" | "seconds" | "minutes" | "hours" | "hoursMinutes" | "days" | "today" | "yesterday" | "justNow", values?: Record<string, number>) => string;

export type FormatContext = { locale: AppLocale; t: TimeWords };

// British English for "en": day before month and a 24-hour clock, as the UI has always shown.
const DATE_FNS_LOCALES: Record<AppLocale, DateFnsLocale> = { en: enGB, it };
const INTL_TAGS: Record<AppLocale, string> = { en: "en-GB", it: "it-IT" };

/** The BCP 47 tag Intl formats this UI language with ("en" → "en-GB"). */
export function intlTag(locale: AppLocale): string {
  return INTL_TAGS[locale] ?? locale;
}

export function dateFnsLocale(locale: AppLocale): DateFnsLocale {
  return DATE_FNS_LOCALES[locale];
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

/** A date-fns pattern in the UI language ("EEE d MMM, HH:mm" → "Mon 3 Mar, 14:05" / "lun 3 mar, 14:05"). */
export function formatDate(date: Date | string, pattern: string, locale: AppLocale): string {
  return format(typeof date === "string" ? new Date(date) : date, pattern, { locale: dateFnsLocale(locale) });
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
  return formatDistanceStrict(at, now, { addSuffix: true, locale: dateFnsLocale(locale) });
}

export function fullDateTime(iso: string, locale: AppLocale): string {
  return formatDate(iso, "EEEE d MMMM yyyy, HH:mm", locale);
}

export function clockTime(iso: string): string {
  return format(new Date(iso), "HH:mm");
}

/** The day separators of a thread: "Today", "Yesterday", "Monday", "Monday 3 March", "3 March 2024". */
export function dayLabel(date: Date, now: Date, { locale, t }: FormatContext): string {
  if (isSameDay(date, now)) return t("today");
  if (isSameDay(date, subDays(now, 1))) return t("yesterday");
  const pattern = differenceInCalendarDays(now, date) < 7 ? "EEEE" : date.getFullYear() === now.getFullYear() ? "EEEE d MMMM" : "d MMMM yyyy";
  return capitalize(formatDate(date, pattern, locale), locale);
}

export function dayKey(date: Date): string {
  return format(date, "yyyy-MM-dd");
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
