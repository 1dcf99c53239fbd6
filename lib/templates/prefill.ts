import { airportCity } from "@/lib/bookings/airports";
import type { Booking, Leg } from "@/lib/bookings/schemas";
import { templateParams, type ParamValue, type TemplateDefinition, type TemplateValues } from "./model";

// Values for a template's named parameters, taken from the booking the agent picked and the
// contact. Pure and client-safe: the composer pre-fills its form with it; the agent may change any
// value before sending. Dates and times are said in the customer's language and in the AIRPORT's
// time zone (a 07:05 departure from Rome is 07:05 wherever the customer or the agent sits).

export type PrefillContact = { name?: string | null; locale?: string | null };

export type PrefillInput = {
  template: Pick<TemplateDefinition, "components" | "language" | "parameterFormat">;
  booking?: Booking | null;
  contact?: PrefillContact | null;
  /** Overrides the locale worked out from the contact and the template (see `prefillLocale`). */
  locale?: string;
  legIndex?: number;
  passengerIndex?: number;
  /** The city of an IATA airport code in a locale ("Roma", "Rome"); lib/bookings/airports by default. */
  cityOf?: (code: string, locale: string) => string | undefined;
};

/** Meta's language codes use `_` (en_US); Intl wants `-` (en-US). */
function bcp47(tag: string): string {
  const t = tag.replace(/_/g, "-");
  try {
    return Intl.getCanonicalLocales(t)[0] ?? "en";
  } catch {
    return "en";
  }
}
const languageOf = (tag: string) => tag.split("-")[0]!.toLowerCase();

/**
 * The locale values are written in: the customer's own (contact.locale) when it is in the template's
 * language — so an en-GB customer reads "24 Nov" and 24-hour times in an English template — else the
 * template's language: an Italian template with English dates in it would read wrong.
 */
export function prefillLocale(templateLanguage: string, contactLocale?: string | null): string {
  const tpl = bcp47(templateLanguage);
  if (contactLocale) {
    const customer = bcp47(contactLocale);
    if (languageOf(customer) === languageOf(tpl)) return customer;
  }
  return tpl;
}

/** Passport names come in capitals ("ROSSI"): a message says "Rossi". Mixed case is kept as given. */
function displayName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function formatIn(iso: string, timeZone: string, locale: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(new Date(iso));
}
const DATE: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };

/** Digits after the decimal point of a currency (EUR 2, JPY 0, KWD 3), as Intl knows them. */
export function currencyExponent(code: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * A currency parameter from integer minor units: Meta wants `amount_1000` (the amount × 1000), our
 * bookings store minor units (cents), so minor × 10^(3 − exponent); the fallback is Intl's.
 */
export function currencyValue(minorUnits: number, code: string, locale: string): Extract<ParamValue, { type: "currency" }> {
  const exponent = currencyExponent(code);
  const amount1000 = Math.round(minorUnits * 10 ** (3 - exponent));
  const fallback = new Intl.NumberFormat(locale, { style: "currency", currency: code }).format(minorUnits / 10 ** exponent);
  return { type: "currency", code, amount1000, fallback };
}

const text = (value: string | undefined | null): ParamValue | undefined => (value && value.trim() ? { type: "text", text: value.trim() } : undefined);
const dateTime = (value: string | undefined): ParamValue | undefined => (value ? { type: "date_time", fallback: value } : undefined);

function airport(code: string, locale: string, cityOf: PrefillInput["cityOf"]): string {
  const city = cityOf?.(code, locale);
  return city ? `${city} (${code})` : code;
}

/** What each known parameter name means, given the booking, leg and passenger. */
function valueFor(name: string, ctx: { booking?: Booking | null; leg?: Leg; passengerIndex: number; contact?: PrefillContact | null; locale: string; cityOf: PrefillInput["cityOf"] }): ParamValue | undefined {
  const { booking, leg, passengerIndex, contact, locale, cityOf } = ctx;
  const passenger = booking?.passengers[passengerIndex];
  const contactWords = (contact?.name ?? "").trim().split(/\s+/).filter(Boolean);
  const checkin = leg?.checkins.find((c) => c.passenger === passengerIndex);
  switch (name) {
    case "first_name":
    case "given_name":
    case "name":
      return text(passenger ? displayName(passenger.givenName) : contactWords[0]);
    case "last_name":
    case "surname":
      return text(passenger ? displayName(passenger.surname) : contactWords.slice(1).join(" "));
    case "full_name":
    case "passenger":
    case "passenger_name":
      return text(passenger ? `${displayName(passenger.givenName)} ${displayName(passenger.surname)}` : contact?.name);
    case "pnr":
    case "booking_reference":
      return text(booking?.pnr);
    case "flight":
    case "flight_number":
      return text(leg ? `${leg.operatingCarrier} ${leg.flightNumber}` : undefined);
    case "origin":
    case "from":
      return text(leg ? airport(leg.from, locale, cityOf) : undefined);
    case "destination":
    case "to":
      return text(leg ? airport(leg.to, locale, cityOf) : undefined);
    case "departure_date":
      return dateTime(leg ? formatIn(leg.departureAt, leg.fromTimeZone, locale, DATE) : undefined);
    case "departure_time":
      return text(leg ? formatIn(leg.departureAt, leg.fromTimeZone, locale, TIME) : undefined);
    case "arrival_date":
      return dateTime(leg ? formatIn(leg.arrivalAt, leg.toTimeZone, locale, DATE) : undefined);
    case "arrival_time":
      return text(leg ? formatIn(leg.arrivalAt, leg.toTimeZone, locale, TIME) : undefined);
    case "boarding_time":
      return text(leg?.boardingAt ? formatIn(leg.boardingAt, leg.fromTimeZone, locale, TIME) : undefined);
    case "gate":
      return text(leg?.gate);
    case "seat":
      return text(checkin?.seat && checkin.seat !== "INF" ? checkin.seat : undefined);
    case "terminal":
      return text(leg?.terminal);
    case "zone":
    case "boarding_zone":
      return text(checkin?.boardingZone);
    case "cabin":
      return text(leg?.cabin);
    case "amount":
    case "total":
      return booking?.totalAmount != null && booking.currency ? currencyValue(booking.totalAmount, booking.currency, locale) : undefined;
    default:
      return undefined;
  }
}

/**
 * Whether a URL button's suffix is the PNR: the button's example ends in something shaped like one
 * (or gives no example). A payment token or any other suffix is for the agent (or a later feature).
 */
function pnrSuffix(template: PrefillInput["template"], buttonIndex: number): boolean {
  const buttons = template.components.find((c) => c.type === "BUTTONS");
  const button = buttons?.type === "BUTTONS" ? buttons.buttons[buttonIndex] : undefined;
  if (button?.type !== "URL") return false;
  const example = button.example?.[0];
  if (!example) return true;
  const prefix = button.url.split("{{")[0]!;
  return /^[A-Z0-9]{5,7}$/.test(example.startsWith(prefix) ? example.slice(prefix.length) : example.split("/").at(-1)!);
}

/**
 * A value for every parameter this booking and contact can fill, keyed by the parameter's id
 * (`body:first_name`…). Named templates are filled by name; a URL button's positional suffix
 * (`{{1}}`, "manage booking/…") gets the PNR. What cannot be known (a due date, a reason) is left out
 * for the agent to type.
 */
export function prefillTemplateValues({ template, booking, contact, locale, legIndex = 0, passengerIndex = 0, cityOf = airportCity }: PrefillInput): TemplateValues {
  const resolved = locale ?? prefillLocale(template.language, contact?.locale);
  const leg = booking?.legs[legIndex];
  const out: TemplateValues = {};
  for (const p of templateParams(template)) {
    if (p.media) continue; // a file: the boarding pass or an upload, not a word
    let value: ParamValue | undefined;
    if (p.component === "button" && /^\d+$/.test(p.key)) value = pnrSuffix(template, p.buttonIndex!) ? text(booking?.pnr) : undefined;
    else if (template.parameterFormat === "NAMED" || !/^\d+$/.test(p.key)) value = valueFor(p.key, { booking, leg, passengerIndex, contact, locale: resolved, cityOf });
    if (value) out[p.id] = value;
  }
  return out;
}
