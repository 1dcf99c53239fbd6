import { differenceInCalendarDays, format, formatDistanceToNowStrict, isToday, isYesterday } from "date-fns";
import { enUS } from "date-fns/locale";

/** "Giulia Romano" → "GR"; a phone number → its last two digits. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => /\p{L}/u.test(w));
  if (words.length === 0) return name.replace(/\D/g, "").slice(-2) || "?";
  const first = words[0]?.[0] ?? "";
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? "") : "";
  return (first + last).toUpperCase();
}

const SHORT_UNITS: Record<string, string> = {
  xSeconds: "s",
  xMinutes: "m",
  xHours: "h",
  xDays: "d",
  xMonths: "mo",
  xYears: "y",
};

const shortLocale = {
  ...enUS,
  formatDistance: (token: string, count: number) => `${count}${SHORT_UNITS[token] ?? ""}`,
};

/** "now", "5m", "3h", "2d", then a date: the list's compact time column. */
export function shortRelative(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const seconds = (now.getTime() - date.getTime()) / 1000;
  if (seconds < 45) return "now";
  if (differenceInCalendarDays(now, date) >= 7) {
    return format(date, date.getFullYear() === now.getFullYear() ? "d MMM" : "d MMM yyyy");
  }
  return formatDistanceToNowStrict(date, { locale: shortLocale, roundingMethod: "floor" });
}

export function fullDateTime(iso: string): string {
  return format(new Date(iso), "EEEE d MMMM yyyy, HH:mm");
}

export function clockTime(iso: string): string {
  return format(new Date(iso), "HH:mm");
}

/** The day separators of a thread: "Today", "Yesterday", "Monday 3 March", "3 March 2024". */
export function dayLabel(date: Date, now: Date = new Date()): string {
  if (isToday(date)) return "Today";
  if (isYesterday(date)) return "Yesterday";
  if (differenceInCalendarDays(now, date) < 7) return format(date, "EEEE");
  return format(date, date.getFullYear() === now.getFullYear() ? "EEEE d MMMM" : "d MMMM yyyy");
}

export function dayKey(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

/** The time now in a contact's timezone, or null if the zone is unknown or invalid. */
export function localTimeIn(timeZone: string | null | undefined, now: Date = new Date()): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", weekday: "short" }).format(now);
  } catch {
    return null;
  }
}

export function localeName(locale: string | null | undefined): string | null {
  if (!locale) return null;
  try {
    const tag = locale.replace("_", "-");
    const lang = tag.split("-")[0] ?? tag;
    const name = new Intl.DisplayNames(["en"], { type: "language" }).of(lang);
    return name && name !== lang ? `${name} (${tag})` : tag;
  } catch {
    return locale;
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

export const ROLE_LABELS = { admin: "Admin", lead: "Team lead", agent: "Agent" } as const;

/** Phone numbers are stored as WhatsApp sends them (digits only): show them in international form. */
export function formatPhone(phone: string): string {
  return /^\d{6,15}$/.test(phone) ? `+${phone}` : phone;
}
