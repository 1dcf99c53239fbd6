import type { Booking, Leg } from "@/lib/bookings/schemas";

// Bookings as an agent reads them: times in the airport's own time zone (a 07:20 departure from
// Venice reads 07:20 wherever the agent sits), words in the viewer's language.

function safeZone(timeZone: string): string | undefined {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** "Wed 2 Dec, 07:20" (en) / "mer 2 dic, 07:20" (it) at the airport. */
export function airportDateTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: safeZone(timeZone), weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** "07:20" in a time zone (an airport's, or the workspace's for a report's "as of"), 24-hour. */
export function airportTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: safeZone(timeZone), hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** "Wed 2 Dec" at the airport. */
export function airportDate(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: safeZone(timeZone), weekday: "short", day: "numeric", month: "short" }).format(new Date(iso));
}

/** The calendar day of an instant in a zone, as YYYY-MM-DD (for "+1" on overnight arrivals). */
function dayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: safeZone(timeZone), year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
}

/** How many calendar days later the leg lands, local to local (0 the same day, 1 the next…). */
export function arrivalDayShift(leg: Pick<Leg, "departureAt" | "arrivalAt" | "fromTimeZone" | "toTimeZone">): number {
  const a = Date.parse(dayIn(leg.departureAt, leg.fromTimeZone));
  const b = Date.parse(dayIn(leg.arrivalAt, leg.toTimeZone));
  return Math.round((b - a) / 86_400_000);
}

/** The airports in flying order: FCO → LHR → FCO; an open jaw shows both ends (FCO → LHR, CDG → FCO). */
export function routeCodes(booking: Pick<Booking, "legs">): string[][] {
  const chains: string[][] = [];
  for (const leg of booking.legs) {
    const last = chains[chains.length - 1];
    if (last && last[last.length - 1] === leg.from) last.push(leg.to);
    else chains.push([leg.from, leg.to]);
  }
  return chains;
}

/** An amount in minor units: 24850 EUR → "€248.50" / "248,50 €". */
export function money(minor: number, currency: string, locale: string): string {
  try {
    const f = new Intl.NumberFormat(locale, { style: "currency", currency });
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
    return f.format(minor / 10 ** digits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}
