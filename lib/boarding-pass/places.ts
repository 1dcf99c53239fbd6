import type { AppLocale } from "@/i18n/locales";
import { airportCity } from "@/lib/bookings/airports";

// Names printed on the pass next to the codes: one table for the whole app (lib/bookings).
export { airlineName } from "@/lib/bookings/airlines";

export function cityName(airport: string, locale: AppLocale): string | null {
  return airportCity(airport, locale) ?? null;
}
