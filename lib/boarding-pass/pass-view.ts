import type { AppLocale } from "@/i18n/locales";
import type { Booking } from "@/lib/bookings/schemas";
import { en, it } from "@/messages";
import { buildBcbp, passSubject } from "./bcbp";
import { airlineName, cityName } from "./places";

// What a pass says, in the reader's language and the departure airport's time zone: the one
// model the PDF and the PNG are drawn from, so both show the same thing.

export type PassLabels = (typeof en)["boardingPass"];
const LABELS: Record<AppLocale, PassLabels> = { en: en.boardingPass, it: it.boardingPass };

export function passLabels(locale: AppLocale): PassLabels {
  return LABELS[locale];
}

export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

export type PassView = {
  locale: AppLocale;
  labels: PassLabels;
  airline: string;
  /** "Operated by …" when another carrier flies it. */
  operatedBy: string | null;
  passengerName: string;
  flight: string;
  from: { code: string; city: string | null };
  to: { code: string; city: string | null };
  date: string;
  departureTime: string;
  arrivalTime: string;
  boardingTime: string | null;
  gate: string | null;
  terminal: string | null;
  seat: string | null;
  zone: string | null;
  sequence: string | null;
  cabin: string;
  pnr: string;
  checkedIn: boolean;
  bcbp: string;
  filename: string;
};

function time(iso: string, timeZone: string, locale: AppLocale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(new Date(iso));
}

/** `boarding-pass-ABC123-AZ610-ROSSI`: what the traveller sees in WhatsApp and in Downloads. */
export function passFileStem(pnr: string, flight: string, surname: string): string {
  const clean = (s: string) =>
    s
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return `boarding-pass-${clean(pnr)}-${clean(flight)}-${clean(surname) || "PASSENGER"}`;
}

export function buildPassView({
  booking,
  leg: legIndex,
  passenger: passengerIndex,
  locale,
  issuedAt,
}: {
  booking: Pick<Booking, "pnr" | "passengers" | "legs">;
  leg: number;
  passenger: number;
  locale: AppLocale;
  issuedAt?: Date;
}): PassView {
  const { leg, passenger, checkin } = passSubject(booking, legIndex, passengerIndex);
  const labels = passLabels(locale);
  const brand = leg.marketingCarrier ?? leg.operatingCarrier;
  const flight = `${brand} ${leg.flightNumber}`;
  const seat = checkin?.seat === "INF" ? labels.infant : (checkin?.seat ?? null);
  return {
    locale,
    labels,
    airline: airlineName(brand),
    operatedBy: leg.marketingCarrier && leg.marketingCarrier !== leg.operatingCarrier ? fill(labels.operatedBy, { carrier: airlineName(leg.operatingCarrier) }) : null,
    passengerName: `${passenger.surname.toUpperCase()}/${passenger.givenName.toUpperCase()}${passenger.title ? ` ${passenger.title.toUpperCase()}` : ""}`,
    flight,
    from: { code: leg.from, city: cityName(leg.from, locale) },
    to: { code: leg.to, city: cityName(leg.to, locale) },
    date: new Intl.DateTimeFormat(locale, { timeZone: leg.fromTimeZone, weekday: "short", day: "numeric", month: "short", year: "numeric" }).format(new Date(leg.departureAt)),
    departureTime: time(leg.departureAt, leg.fromTimeZone, locale),
    arrivalTime: time(leg.arrivalAt, leg.toTimeZone, locale),
    boardingTime: leg.boardingAt ? time(leg.boardingAt, leg.fromTimeZone, locale) : null,
    gate: leg.gate ?? null,
    terminal: leg.terminal ?? null,
    seat,
    zone: checkin?.boardingZone ?? null,
    sequence: checkin?.sequence !== undefined ? String(checkin.sequence).padStart(3, "0") : null,
    cabin: leg.cabin,
    pnr: booking.pnr,
    checkedIn: Boolean(checkin),
    bcbp: buildBcbp({ booking, leg: legIndex, passenger: passengerIndex, issuedAt }),
    filename: passFileStem(booking.pnr, `${brand}${leg.flightNumber}`, passenger.surname),
  };
}
