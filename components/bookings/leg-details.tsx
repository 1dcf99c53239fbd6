"use client";

import { useLocale, useTranslations } from "next-intl";
import { airportCity } from "@/lib/bookings/airports";
import type { Leg, Passenger } from "@/lib/bookings/schemas";
import { airportDate, airportTime, arrivalDayShift } from "@/lib/client/booking-format";
import { PassActions } from "./pass-actions";

/** One flight of a booking: times at each airport, cabin, gate and boarding, and who sits where. */
export function LegDetails({ leg, passengers, pass }: { leg: Leg; passengers: Passenger[]; pass?: { conversationId: string; bookingId: string; leg: number } }) {
  const t = useTranslations("bookings");
  const locale = useLocale();
  const shift = arrivalDayShift(leg);
  const facts = [
    leg.terminal && t("terminal", { terminal: leg.terminal }),
    leg.gate && t("gate", { gate: leg.gate }),
    leg.boardingAt && t("boarding", { time: airportTime(leg.boardingAt, leg.fromTimeZone, locale) }),
  ].filter(Boolean);

  return (
    <div className="text-2xs text-fg-2">
      <p className="flex items-baseline justify-between gap-2">
        <span className="font-mono text-[12px] font-semibold text-fg">
          {leg.marketingCarrier ?? leg.operatingCarrier} {leg.flightNumber}
        </span>
        <span className="text-muted">{airportDate(leg.departureAt, leg.fromTimeZone, locale)}</span>
      </p>
      <div className="mt-1 grid grid-cols-[1fr_auto_1fr] items-start gap-1.5">
        <p>
          <span className="block text-[13px] font-semibold text-fg tabular-nums">{airportTime(leg.departureAt, leg.fromTimeZone, locale)}</span>
          <span className="font-mono">{leg.from}</span> <span className="text-muted">{airportCity(leg.from, locale)}</span>
        </p>
        <span aria-hidden className="pt-0.5 text-muted">
          →
        </span>
        <p className="text-right">
          <span className="block text-[13px] font-semibold text-fg tabular-nums">
            {airportTime(leg.arrivalAt, leg.toTimeZone, locale)}
            {shift > 0 && (
              <sup className="ml-0.5 text-2xs font-medium text-warning" title={t("nextDayLabel", { days: shift })}>
                {t("nextDay", { days: shift })}
                <span className="sr-only"> ({t("nextDayLabel", { days: shift })})</span>
              </sup>
            )}
          </span>
          <span className="text-muted">{airportCity(leg.to, locale)}</span> <span className="font-mono">{leg.to}</span>
        </p>
      </div>
      <p className="mt-1 text-muted">
        {t("cabin", { cabin: leg.cabin, code: leg.compartmentCode })}
        {leg.marketingCarrier && leg.marketingCarrier !== leg.operatingCarrier && ` · ${t("operatedBy", { carrier: leg.operatingCarrier })}`}
      </p>
      {facts.length > 0 && <p className="mt-0.5 font-medium text-fg-2">{facts.join(" · ")}</p>}
      <ul className="mt-1.5 space-y-1 border-t border-line pt-1.5">
        {passengers.map((p, i) => {
          const c = leg.checkins.find((x) => x.passenger === i);
          return (
            <li key={i}>
              <span className="block truncate text-fg-2">
                {p.givenName} {p.surname}
                {p.type !== "ADT" && <span className="text-muted"> · {t(`passengerType.${p.type}`)}</span>}
              </span>
              <span className="block text-muted tabular-nums">
                {c
                  ? [c.seat && t("seat", { seat: c.seat }), c.boardingZone && t("zone", { zone: c.boardingZone }), c.sequence && t("sequence", { sequence: c.sequence })].filter(Boolean).join(" · ")
                  : t("notCheckedIn")}
              </span>
              {c && pass && <PassActions {...pass} passenger={i} name={`${p.givenName} ${p.surname}`} />}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
