"use client";

import { useId, useState } from "react";
import { ChevronDown, Plane, RotateCw } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { airportCity } from "@/lib/bookings/airports";
import { airportDateTime, money, routeCodes } from "@/lib/client/booking-format";
import { useBookings, useSelectedBooking, type Booking } from "@/lib/client/use-bookings";
import { useErrorText } from "@/lib/client/use-error-text";
import { cn } from "@/lib/client/cn";
import { BookingStatusPill } from "./booking-status";
import { LegDetails } from "./leg-details";

/**
 * The customer's bookings in the contact panel. Picking one (a radio group: Tab in, arrows move)
 * makes it the booking this conversation's templates draw on.
 */
export function BookingList({ conversationId }: { conversationId: string }) {
  const t = useTranslations("bookings");
  const errorText = useErrorText();
  const query = useBookings(conversationId);
  const { booking: selected, select } = useSelectedBooking(conversationId);
  const name = useId();
  const bookings = query.data;

  return (
    <section aria-labelledby={`${name}-title`} className="border-b border-line px-4 py-3">
      <div className="mb-2 flex items-baseline justify-between gap-2">
        <h3 id={`${name}-title`} className="text-2xs font-semibold tracking-wide text-muted uppercase">
          {t("title")}
          {bookings && bookings.length > 0 && <span className="ml-1 font-normal tabular-nums">({bookings.length})</span>}
        </h3>
        {selected && (
          <button type="button" className="focus-ring rounded-ctl text-2xs text-muted underline-offset-2 hover:text-fg hover:underline" onClick={() => select(null)}>
            {t("clear")}
          </button>
        )}
      </div>

      {query.isPending ? (
        <div role="status" aria-label={t("loading")} className="space-y-2">
          {[0, 1].map((i) => (
            <div key={i} className="h-[74px] animate-pulse rounded-ctl border border-line bg-surface-2" />
          ))}
        </div>
      ) : query.isError ? (
        <div role="alert" className="rounded-ctl border border-danger/20 bg-danger-soft px-3 py-2 text-ui text-danger">
          <p>
            {t("loadFailed")} {errorText(query.error)}
          </p>
          <button type="button" className="btn btn-ghost mt-1 -ml-2 h-7 px-2 text-danger hover:bg-danger/10" onClick={() => void query.refetch()}>
            <RotateCw className="size-3.5" aria-hidden />
            {t("retry")}
          </button>
        </div>
      ) : !bookings || bookings.length === 0 ? (
        <p className="text-ui text-subtle">{t("empty")}</p>
      ) : (
        <fieldset>
          <legend className="sr-only">{t("legend")}</legend>
          <p id={`${name}-hint`} className="mb-2 text-2xs text-muted">
            {selected ? t("hint") : t("noneSelected")}
          </p>
          <ul className="space-y-2">
            {bookings.map((b) => (
              <li key={b.id}>
                <BookingCard conversationId={conversationId} booking={b} group={name} hintId={`${name}-hint`} checked={selected?.id === b.id} onSelect={() => select(b.id)} />
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </section>
  );
}

function BookingCard({ conversationId, booking, group, hintId, checked, onSelect }: { conversationId: string; booking: Booking; group: string; hintId: string; checked: boolean; onSelect: () => void }) {
  const t = useTranslations("bookings");
  const locale = useLocale();
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const first = booking.legs[0]!;
  const chains = routeCodes(booking);
  const cities = chains.map((c) => c.map((code) => airportCity(code, locale) ?? code).join(" → ")).join(" · ");
  const inactive = booking.status === "cancelled" || booking.status === "flown";

  return (
    <div
      className={cn(
        "rounded-ctl border bg-surface transition-colors",
        checked ? "border-accent ring-1 ring-accent" : "border-line hover:border-line-strong",
        "has-[input:focus-visible]:ring-2 has-[input:focus-visible]:ring-ring",
      )}
    >
      <label className="flex cursor-pointer gap-2.5 px-3 pt-2.5 pb-2">
        <input type="radio" name={group} className="sr-only" checked={checked} onChange={onSelect} aria-describedby={hintId} />
        <span
          aria-hidden
          className={cn(
            "mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border",
            checked ? "border-accent bg-accent" : "border-line-strong bg-surface",
          )}
        >
          {checked && <span className="size-1.5 rounded-full bg-accent-fg" />}
        </span>
        <span className="min-w-0 flex-1">
          <span className="flex items-center justify-between gap-2">
            <span className={cn("font-mono text-[13px] font-semibold tracking-wide", inactive && "text-muted")}>{booking.pnr}</span>
            <BookingStatusPill status={booking.status} />
          </span>
          <span className={cn("mt-1 flex items-center gap-1.5 text-ui font-medium", inactive ? "text-muted" : "text-fg")}>
            <Plane className="size-3.5 shrink-0 text-muted" aria-hidden />
            <span className="truncate">{chains.map((c) => c.join(" → ")).join(" · ")}</span>
          </span>
          <span className="block truncate text-2xs text-muted">{cities}</span>
          <span className="mt-1 block text-2xs text-fg-2 tabular-nums">
            {airportDateTime(first.departureAt, first.fromTimeZone, locale)}
            <span className="text-muted"> · {t("passengers", { count: booking.passengers.length })}</span>
          </span>
        </span>
      </label>
      <div className="flex items-center justify-between border-t border-line px-1.5 py-1">
        <button
          type="button"
          className="btn btn-ghost h-6 gap-1 px-1.5 text-2xs text-muted"
          aria-expanded={open}
          aria-controls={open ? detailsId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          <ChevronDown className={cn("size-3.5 transition-transform", open && "rotate-180")} aria-hidden />
          {t("flights", { count: booking.legs.length })}
          <span className="sr-only"> · {booking.pnr}</span>
        </button>
        {booking.totalAmount !== null && booking.currency && (
          <span className="pr-1.5 text-2xs text-muted tabular-nums">
            <span className="sr-only">{t("total")} </span>
            {money(booking.totalAmount, booking.currency, locale)}
          </span>
        )}
      </div>
      {open && (
        <ol id={detailsId} aria-label={t("flightsOf", { pnr: booking.pnr })} className="space-y-3 border-t border-line px-3 py-2.5">
          {booking.legs.map((leg, i) => (
            <li key={i}>
              <LegDetails leg={leg} passengers={booking.passengers} pass={booking.status === "cancelled" ? undefined : { conversationId, bookingId: booking.id, leg: i }} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
