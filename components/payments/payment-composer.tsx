"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { CircleExclamationPoint, CreditCard, LoaderCircle, Plus, RefreshCw, SendHorizontal, Ticket, Trash2, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import type { AppLocale } from "@/i18n/locales";
import type { CreatePaymentRequestInput } from "@/lib/payments/schemas";
import { REFERENCE_MAX_LENGTH, REFERENCE_PATTERN } from "@/lib/payments/reference-format";
import { CURRENCIES, MAX_QUANTITY } from "@/lib/payments/money";
import { ApiError } from "@/lib/client/api";
import { airportDate } from "@/lib/client/booking-format";
import { intlTag } from "@/lib/client/format";
import { exponentOf, formatMoney, isCurrency, parseMoneyInput, parsePercent, toMoneyInput, type Currency } from "@/lib/client/money";
import { customerMessageOf, greetingName, previewPaymentMessage, previewTotals } from "@/lib/client/payment-message";
import { windowClosed } from "@/lib/client/reply-window";
import { useSelectedBooking, type Booking } from "@/lib/client/use-bookings";
import { useConversation } from "@/lib/client/use-conversation";
import { useErrorText } from "@/lib/client/use-error-text";
import { useNow } from "@/lib/client/use-now";
import { newIdempotencyKey, newPaymentReference, useCreatePaymentRequest } from "@/lib/client/use-payments";
import { cn } from "@/lib/client/cn";
import { TemplatePreview } from "@/components/templates/template-preview";
import { MoneyInput } from "./money-input";

/** The workspace's currency until a booking says otherwise. */
export const DEFAULT_CURRENCY: Currency = "EUR";
const MAX_LINES = 20;
const EXPIRY_HOURS = [1, 6, 24, 72, 168] as const;
const DEFAULT_EXPIRY_HOURS = 24;
const MAX_EXPIRY_DAYS = 30;
// The currencies most asked for first; every other one the server accepts follows.
const COMMON = ["EUR", "USD", "GBP", "CHF", "JPY", "KWD"];
const CURRENCY_OPTIONS = [...COMMON, ...CURRENCIES.filter((c) => !COMMON.includes(c)).sort()] as Currency[];

type Line = { key: string; name: string; quantity: string; unit: string };
type Form = {
  currency: Currency;
  lines: Line[];
  taxRate: string;
  discount: string;
  description: string;
  expiry: string; // hours, or "custom"
  customExpiry: string; // datetime-local
  reference: string;
  bookingId: string | null;
  leg: number;
};

let lineCounter = 0;
const newLine = (over: Partial<Line> = {}): Line => ({ key: `l${++lineCounter}`, name: "", quantity: "1", unit: "", ...over });

/** A datetime-local value (local time, minutes) for an instant. */
function localInputValue(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Words = ReturnType<typeof useTranslations<"payments.composer">>;

function describeLeg(t: Words, booking: Booking, legIndex: number, item: string, locale: AppLocale): string {
  const leg = booking.legs[legIndex] ?? booking.legs[0];
  if (!leg) return t("prefill.descriptionNoFlight", { item, pnr: booking.pnr });
  return t("prefill.description", {
    item,
    flight: `${leg.operatingCarrier} ${leg.flightNumber}`,
    route: `${leg.from} → ${leg.to}`,
    date: airportDate(leg.departureAt, leg.fromTimeZone, intlTag(locale)),
    pnr: booking.pnr,
  });
}

function initialForm(t: Words, booking: Booking | null, locale: AppLocale, reference: string): Form {
  const base: Form = {
    currency: DEFAULT_CURRENCY,
    lines: [newLine()],
    taxRate: "",
    discount: "",
    description: "",
    expiry: String(DEFAULT_EXPIRY_HOURS),
    customExpiry: localInputValue(new Date(Date.now() + DEFAULT_EXPIRY_HOURS * 3_600_000)),
    reference,
    bookingId: null,
    leg: 0,
  };
  if (!booking) return base;
  const item = t("prefill.seatUpgrade");
  return {
    ...base,
    currency: booking.currency && isCurrency(booking.currency) ? booking.currency : DEFAULT_CURRENCY,
    lines: [newLine({ name: item })],
    description: describeLeg(t, booking, 0, item, locale),
    bookingId: booking.id,
  };
}

/**
 * The composer's "Request payment" panel: line items, currency, tax and discount, description,
 * expiry and reference, pre-filled from the booking picked in the contact panel. Beside the form,
 * the message the customer will receive, built by the server's own builder for the window as it
 * is now. Totals here are a preview; the server computes every amount. One Idempotency-Key per
 * opening: a double click or a retry after a lost answer creates one request.
 */
export function PaymentComposer({ conversationId, onClose, onSent }: { conversationId: string; onClose: () => void; onSent: () => void }) {
  const t = useTranslations("payments.composer");
  const tMoney = useTranslations("payments.money");
  const errorText = useErrorText();
  const locale = useLocale();
  const now = useNow(30_000);
  const { data: detail } = useConversation(conversationId);
  const { booking } = useSelectedBooking(conversationId);
  const create = useCreatePaymentRequest(conversationId);
  const formRef = useRef<HTMLFormElement>(null);
  const uid = useId();

  const [form, setForm] = useState<Form>(() => initialForm(t, booking, locale, newPaymentReference()));
  const exp = exponentOf(form.currency);
  // The booking arrives after the panel opens, or the agent picks another: pre-fill again until they type.
  const [dirty, setDirty] = useState(false);
  const [descriptionEdited, setDescriptionEdited] = useState(false);
  const bookingKey = booking?.id ?? null;
  const [prefilledFor, setPrefilledFor] = useState<string | null>(bookingKey);
  if (!dirty && prefilledFor !== bookingKey) {
    setPrefilledFor(bookingKey);
    setForm((f) => initialForm(t, booking, locale, f.reference));
  }
  const [submitted, setSubmitted] = useState(false);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [serverFields, setServerFields] = useState<Record<string, string[]>>({});
  // One key per opening; a fresh one only after an answer that proves nothing was stored (a 4xx).
  const keyRef = useRef<string>(newIdempotencyKey());
  // A retry of an unchanged form resends the very same body (same expiry instant), so the server answers it again.
  const lastSent = useRef<{ form: string; input: CreatePaymentRequestInput } | null>(null);

  const clearServerField = (key: string) => {
    if (!serverFields[key] && !serverFields.lineItems) return;
    setServerFields((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== key && k !== "lineItems")));
  };
  const moneyError = (reason: "empty" | "invalid" | "decimals" | "too_large") =>
    reason === "decimals" ? (exp === 0 ? tMoney("noDecimals") : tMoney("decimals", { decimals: exp })) : reason === "too_large" ? tMoney("tooLarge") : reason === "empty" ? tMoney("empty") : tMoney("invalid");
  const update = (patch: Partial<Form>, field?: string) => {
    setDirty(true);
    setForm((f) => ({ ...f, ...patch }));
    if (field) clearServerField(field);
  };
  const updateLine = (i: number, patch: Partial<Line>) => {
    setDirty(true);
    setForm((f) => {
      const lines = f.lines.map((l, j) => (j === i ? { ...l, ...patch } : l));
      // The description follows the first item's name while the agent has not written one of their own.
      const followName = i === 0 && patch.name !== undefined && !descriptionEdited && booking && f.bookingId;
      return { ...f, lines, ...(followName ? { description: describeLeg(t, booking, f.leg, patch.name!.trim() || t("prefill.seatUpgrade"), locale) } : {}) };
    });
    for (const k of ["name", "quantity", "unitAmount"]) clearServerField(`lineItems.${i}.${k}`);
  };

  // ---- What the form says, read exactly (minor units) and checked as the server will.
  const lines = form.lines.map((l) => {
    const quantity = /^\d+$/.test(l.quantity.trim()) ? Number(l.quantity.trim()) : NaN;
    const unit = parseMoneyInput(l.unit, form.currency, locale);
    return { name: l.name.trim(), quantity, unit };
  });
  const taxRate = parsePercent(form.taxRate);
  const discount = form.discount.trim() ? parseMoneyInput(form.discount, form.currency, locale) : null;
  const expiresAt = useMemo(() => {
    if (form.expiry !== "custom") return new Date(now.getTime() + Number(form.expiry) * 3_600_000);
    const d = new Date(form.customExpiry);
    return Number.isNaN(d.getTime()) ? null : d;
  }, [form.expiry, form.customExpiry, now]);

  const errors: Record<string, string> = {};
  lines.forEach((l, i) => {
    if (!l.name) errors[`lineItems.${i}.name`] = t("errors.itemName");
    else if (l.name.length > 100) errors[`lineItems.${i}.name`] = t("errors.tooLong", { max: 100 });
    if (!Number.isInteger(l.quantity) || l.quantity < 1 || l.quantity > MAX_QUANTITY) errors[`lineItems.${i}.quantity`] = t("errors.quantity", { max: MAX_QUANTITY });
    if (!l.unit.ok) errors[`lineItems.${i}.unitAmount`] = moneyError(l.unit.reason);
  });
  if (Number.isNaN(taxRate)) errors.taxRate = t("errors.taxRate");
  if (discount && !discount.ok && discount.reason !== "empty") errors.discountAmount = moneyError(discount.reason);
  if (!form.description.trim()) errors.description = t("errors.description");
  else if (form.description.trim().length > 500) errors.description = t("errors.tooLong", { max: 500 });
  if (!REFERENCE_PATTERN.test(form.reference)) errors.reference = t("errors.reference", { max: REFERENCE_MAX_LENGTH });
  if (!expiresAt || expiresAt.getTime() <= now.getTime() + 60_000 || expiresAt.getTime() > now.getTime() + MAX_EXPIRY_DAYS * 86_400_000) errors.expiresAt = t("errors.expiry", { days: MAX_EXPIRY_DAYS });

  const linesOk = lines.every((l) => l.name && Number.isInteger(l.quantity) && l.unit.ok);
  const preview = linesOk
    ? previewTotals({
        lineItems: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitAmount: l.unit.ok ? l.unit.minor : 0 })),
        taxRate: taxRate === null || Number.isNaN(taxRate) ? null : taxRate,
        discount: discount?.ok ? discount.minor : null,
      })
    : null;
  if (preview && !preview.ok) {
    if (preview.reason === "discount_too_large") errors.discountAmount = t("errors.discountTooLarge");
    else if (preview.reason === "total_not_positive") errors.total = t("errors.totalZero");
    else if (preview.reason === "total_too_large") errors.total = tMoney("tooLarge");
  }
  const totals = preview?.ok ? preview.totals : null;
  const fmt = (minor: number) => formatMoney(minor, form.currency, locale);

  const shown = (key: string): string | undefined => serverFields[key]?.[0] ?? (submitted || touched.has(key) ? errors[key] : undefined);
  const touch = (key: string) => setTouched((s) => (s.has(key) ? s : new Set(s).add(key)));
  const errorId = (key: string) => `${uid}-${key.replace(/\./g, "-")}-err`;
  const fieldProps = (key: string) => {
    const e = shown(key);
    return { "aria-invalid": e ? true : undefined, "aria-describedby": e ? errorId(key) : undefined, onBlur: () => touch(key) } as const;
  };
  const fieldError = (k: string) => {
    const e = shown(k);
    return e ? (
      <p id={errorId(k)} className="mt-1 text-2xs text-danger">
        {e}
      </p>
    ) : null;
  };

  // ---- The message the customer receives, as the server decides it for the window as it is now.
  const windowOpen = detail ? !windowClosed(detail.window, detail.lastInboundAt, now) : true;
  const selectedBooking = form.bookingId && booking?.id === form.bookingId ? booking : null;
  const customerMessage = (() => {
    if (!totals || !expiresAt) return null;
    try {
      const content = previewPaymentMessage({
        currency: form.currency,
        reference: form.reference || "PAY-…",
        description: form.description.trim() || "…",
        totals,
        expiresAt,
        firstName: greetingName(detail?.contact),
        subject: selectedBooking?.pnr ?? form.reference,
        windowOpen,
        origin: typeof window === "undefined" ? "" : window.location.origin,
      });
      return content ? customerMessageOf(content, t("reviewAndPay")) : null;
    } catch {
      return null;
    }
  })();

  // Opening: the first thing to fill takes the focus (the price when the booking named the item).
  useEffect(() => {
    const el = formRef.current;
    const target = el?.querySelector<HTMLElement>(form.lines[0]?.name ? "[data-field='unit-0']" : "[data-field='name-0']");
    target?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on opening only
  }, []);

  function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (create.isPending) return;
    setSubmitted(true);
    if (Object.keys(errors).length > 0) {
      const first = Object.keys(errors)[0]!;
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[aria-describedby="${errorId(first)}"], [data-error-for="${first}"]`)?.focus());
      return;
    }
    const snapshot = JSON.stringify(form);
    const input: CreatePaymentRequestInput =
      lastSent.current?.form === snapshot
        ? lastSent.current.input
        : {
            conversationId,
            currency: form.currency,
            lineItems: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitAmount: l.unit.ok ? l.unit.minor : 0 })),
            ...(taxRate !== null && !Number.isNaN(taxRate) && taxRate > 0 ? { taxRate } : {}),
            ...(discount?.ok && discount.minor > 0 ? { discountAmount: discount.minor } : {}),
            description: form.description.trim(),
            expiresAt: expiresAt!.toISOString(),
            reference: form.reference,
            ...(selectedBooking ? { bookingId: selectedBooking.id } : {}),
          };
    lastSent.current = { form: snapshot, input };
    setServerFields({});
    create.mutate(
      { input, idempotencyKey: keyRef.current },
      {
        onSuccess: () => {
          onSent();
          onClose();
        },
        onError: (err) => {
          if (err instanceof ApiError) {
            const fields = err.fields ?? {};
            const keys = Object.keys(fields);
            // A domain reason about one field (a reference already used) is said in the reader's language there.
            setServerFields(keys.length === 1 && err.reason && err.reason !== "request.invalid_fields" ? { [keys[0]!]: [errorText(err, fields[keys[0]!]![0])] } : fields);
            // A 4xx stored nothing: the next try may carry other details under a new key.
            if (err.isClientError && err.reason !== "payment.idempotency_key_reused") {
              keyRef.current = newIdempotencyKey();
              lastSent.current = null;
            }
          }
        },
      },
    );
  }

  const serverOnly = create.isError && !Object.keys(serverFields).some((k) => k !== "_");
  const legs = selectedBooking?.legs ?? [];

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={t("title")}
      className="@container rounded-card border border-line-strong bg-surface shadow-xs"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
          e.preventDefault();
          submit();
        } else if (e.key === "Enter" && e.target instanceof HTMLInputElement) {
          // Enter in a field never sends by accident: Ctrl/⌘+Enter or the button does.
          e.preventDefault();
        }
      }}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        <CreditCard className="size-4 text-accent-text" aria-hidden />
        <h3 className="text-ui font-semibold">{t("title")}</h3>
        {selectedBooking ? (
          <span className="ml-auto inline-flex flex-wrap items-center gap-1 text-2xs text-muted">
            <Ticket className="size-3.5" aria-hidden />
            {t("fromBooking", { pnr: selectedBooking.pnr })}
            {legs.length > 1 && (
              <select
                aria-label={t("leg")}
                className="select-ctl ml-1 h-6"
                value={form.leg}
                onChange={(e) => {
                  const leg = Number(e.target.value);
                  update({ leg, ...(!descriptionEdited ? { description: describeLeg(t, selectedBooking, leg, form.lines[0]?.name.trim() || t("prefill.seatUpgrade"), locale) } : {}) });
                }}
              >
                {legs.map((l, i) => (
                  <option key={i} value={i}>
                    {t("legOption", { n: i + 1, flight: `${l.operatingCarrier} ${l.flightNumber}`, route: `${l.from}→${l.to}` })}
                  </option>
                ))}
              </select>
            )}
            <button type="button" className="btn-icon size-6" aria-label={t("detachBooking")} title={t("detachBooking")} onClick={() => update({ bookingId: null })}>
              <X className="size-3.5" aria-hidden />
            </button>
          </span>
        ) : (
          <span className="ml-auto text-2xs text-muted">{t("noBooking")}</span>
        )}
      </div>

      <div className="grid max-h-[min(60vh,620px)] gap-4 overflow-y-auto p-3 @2xl:grid-cols-[minmax(0,1fr)_minmax(0,300px)]">
        <div className="min-w-0 space-y-4">
          <fieldset>
            <legend className="mb-1.5 text-2xs font-semibold tracking-wide text-muted uppercase">{t("items")}</legend>
            <div className="hidden grid-cols-[minmax(0,1fr)_4.5rem_8.5rem_2.25rem] gap-2 pb-1 text-2xs text-muted @md:grid" aria-hidden>
              <span>{t("itemName")}</span>
              <span>{t("quantity")}</span>
              <span className="text-right">{t("unitPrice")}</span>
              <span />
            </div>
            <ul className="space-y-2">
              {form.lines.map((line, i) => {
                const parsed = lines[i]!;
                return (
                  <li key={line.key} className="grid grid-cols-[4.5rem_minmax(0,1fr)_2.25rem] items-end gap-x-2 gap-y-1.5 border-b border-line pb-2 last:border-0 @md:grid-cols-[minmax(0,1fr)_4.5rem_8.5rem_2.25rem] @md:items-start @md:border-0 @md:pb-0">
                    <div className="col-span-3 @md:col-span-1">
                      <input
                        data-field={`name-${i}`}
                        className="field"
                        aria-label={t("itemNameN", { n: i + 1 })}
                        placeholder={t("itemPlaceholder")}
                        maxLength={100}
                        value={line.name}
                        onChange={(e) => updateLine(i, { name: e.target.value })}
                        {...fieldProps(`lineItems.${i}.name`)}
                      />
                      {fieldError(`lineItems.${i}.name`)}
                    </div>
                    <div>
                      <span className="mb-1 block text-2xs text-muted @md:hidden" aria-hidden>
                        {t("quantity")}
                      </span>
                      <input
                        className="field px-2 text-right tabular-nums"
                        inputMode="numeric"
                        aria-label={t("quantityN", { n: i + 1 })}
                        value={line.quantity}
                        onChange={(e) => updateLine(i, { quantity: e.target.value })}
                        {...fieldProps(`lineItems.${i}.quantity`)}
                      />
                      {fieldError(`lineItems.${i}.quantity`)}
                    </div>
                    <div>
                      <span className="mb-1 block text-right text-2xs text-muted @md:hidden" aria-hidden>
                        {t("unitPrice")}
                      </span>
                      <MoneyInput
                        data-field={`unit-${i}`}
                        currency={form.currency}
                        aria-label={t("unitPriceN", { n: i + 1 })}
                        placeholder={toMoneyInput(0, form.currency, locale)}
                        value={line.unit}
                        onChange={(text) => updateLine(i, { unit: text })}
                        invalid={!!shown(`lineItems.${i}.unitAmount`)}
                        {...fieldProps(`lineItems.${i}.unitAmount`)}
                      />
                      {fieldError(`lineItems.${i}.unitAmount`)}
                    </div>
                    <button
                      type="button"
                      className="btn-icon size-9"
                      aria-label={t("removeItem", { n: i + 1 })}
                      title={t("removeItem", { n: i + 1 })}
                      disabled={form.lines.length === 1}
                      onClick={() => {
                        update({ lines: form.lines.filter((_, j) => j !== i) });
                        requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[data-field='name-${Math.max(0, i - 1)}']`)?.focus());
                      }}
                    >
                      <Trash2 className="size-3.5" aria-hidden />
                    </button>
                    {parsed.unit.ok && Number.isInteger(parsed.quantity) && parsed.quantity > 1 && (
                      <p className="col-span-full -mt-1 text-right text-2xs text-muted tabular-nums @md:col-span-3">{t("lineTotal", { quantity: parsed.quantity, unit: fmt(parsed.unit.minor), amount: fmt(parsed.unit.minor * parsed.quantity) })}</p>
                    )}
                  </li>
                );
              })}
            </ul>
            {fieldError("lineItems")}
            <button
              type="button"
              className="btn-ghost mt-1.5 -ml-2 h-7 px-2 text-2xs"
              disabled={form.lines.length >= MAX_LINES}
              onClick={() => {
                const i = form.lines.length;
                update({ lines: [...form.lines, newLine()] });
                requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[data-field='name-${i}']`)?.focus());
              }}
            >
              <Plus className="size-3.5" aria-hidden />
              {t("addItem")}
            </button>
          </fieldset>

          <div className="grid grid-cols-2 gap-3 @md:grid-cols-3">
            <div>
              <label htmlFor={`${uid}-currency`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("currency")}
              </label>
              <select
                id={`${uid}-currency`}
                className="select-ctl h-9 w-full text-sm"
                value={form.currency}
                onChange={(e) => update({ currency: e.target.value as Currency }, "currency")}
              >
                {CURRENCY_OPTIONS.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
              <p className="mt-1 text-2xs text-muted">{t("decimals", { count: exp })}</p>
              {fieldError("currency")}
            </div>
            <div>
              <label htmlFor={`${uid}-tax`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("taxRate")} <span className="font-normal text-muted">{t("optional")}</span>
              </label>
              <div className="relative">
                <input
                  id={`${uid}-tax`}
                  className="field pr-7 text-right tabular-nums"
                  inputMode="decimal"
                  placeholder="0"
                  value={form.taxRate}
                  onChange={(e) => update({ taxRate: e.target.value }, "taxRate")}
                  {...fieldProps("taxRate")}
                />
                <span className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 text-ui text-muted" aria-hidden>
                  %
                </span>
              </div>
              {fieldError("taxRate")}
            </div>
            <div className="col-span-2 @md:col-span-1">
              <label htmlFor={`${uid}-discount`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("discount")} <span className="font-normal text-muted">{t("optional")}</span>
              </label>
              <MoneyInput
                id={`${uid}-discount`}
                currency={form.currency}
                placeholder={toMoneyInput(0, form.currency, locale)}
                value={form.discount}
                onChange={(text) => update({ discount: text }, "discountAmount")}
                invalid={!!shown("discountAmount")}
                {...fieldProps("discountAmount")}
              />
              {fieldError("discountAmount")}
            </div>
          </div>

          <div>
            <label htmlFor={`${uid}-description`} className="mb-1 block text-2xs font-medium text-fg-2">
              {t("description")}
            </label>
            <textarea
              id={`${uid}-description`}
              rows={2}
              maxLength={500}
              className="field h-auto min-h-[60px] resize-y py-2 leading-snug"
              placeholder={t("descriptionPlaceholder")}
              value={form.description}
              onChange={(e) => {
                setDescriptionEdited(true);
                update({ description: e.target.value }, "description");
              }}
              {...fieldProps("description")}
            />
            {fieldError("description")}
          </div>

          <div className="grid grid-cols-1 gap-3 @md:grid-cols-2">
            <div>
              <label htmlFor={`${uid}-expiry`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("expiry")}
              </label>
              <select id={`${uid}-expiry`} className="select-ctl h-9 w-full text-sm" value={form.expiry} onChange={(e) => update({ expiry: e.target.value }, "expiresAt")} data-error-for="expiresAt">
                {EXPIRY_HOURS.map((h) => (
                  <option key={h} value={String(h)}>
                    {h < 48 ? t("expiryHours", { count: h }) : t("expiryDays", { count: h / 24 })}
                  </option>
                ))}
                <option value="custom">{t("expiryCustom")}</option>
              </select>
              {form.expiry === "custom" && (
                <input
                  type="datetime-local"
                  aria-label={t("expiryAt")}
                  className="field mt-1.5"
                  value={form.customExpiry}
                  min={localInputValue(new Date(now.getTime() + 2 * 60_000))}
                  max={localInputValue(new Date(now.getTime() + MAX_EXPIRY_DAYS * 86_400_000))}
                  onChange={(e) => update({ customExpiry: e.target.value }, "expiresAt")}
                  {...fieldProps("expiresAt")}
                />
              )}
              {expiresAt && !errors.expiresAt && <p className="mt-1 text-2xs text-muted">{t("expiresOn", { date: new Intl.DateTimeFormat(intlTag(locale), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(expiresAt) })}</p>}
              {fieldError("expiresAt")}
            </div>
            <div>
              <label htmlFor={`${uid}-reference`} className="mb-1 block text-2xs font-medium text-fg-2">
                {t("reference")}
              </label>
              <div className="flex gap-1.5">
                <input
                  id={`${uid}-reference`}
                  className="field font-mono text-ui"
                  maxLength={REFERENCE_MAX_LENGTH}
                  spellCheck={false}
                  autoComplete="off"
                  value={form.reference}
                  onChange={(e) => update({ reference: e.target.value.trim() }, "reference")}
                  {...fieldProps("reference")}
                />
                <button type="button" className="btn-secondary size-9 shrink-0 px-0" aria-label={t("newReference")} title={t("newReference")} onClick={() => update({ reference: newPaymentReference() }, "reference")}>
                  <RefreshCw className="size-3.5" aria-hidden />
                </button>
              </div>
              <p className="mt-1 text-2xs text-muted">{t("referenceHint", { max: REFERENCE_MAX_LENGTH })}</p>
              {fieldError("reference")}
            </div>
          </div>

          <section aria-labelledby={`${uid}-totals`} className="rounded-card border border-line bg-surface-2 px-3 py-2.5">
            <h4 id={`${uid}-totals`} className="sr-only">
              {t("totals")}
            </h4>
            <dl className="space-y-1 text-ui tabular-nums">
              <div className="flex justify-between gap-3 text-fg-2">
                <dt>{t("subtotal")}</dt>
                <dd>{totals ? fmt(totals.subtotal) : "—"}</dd>
              </div>
              {totals && totals.discount > 0 && (
                <div className="flex justify-between gap-3 text-fg-2">
                  <dt>{t("discount")}</dt>
                  <dd>−{fmt(totals.discount)}</dd>
                </div>
              )}
              {totals && taxRate !== null && !Number.isNaN(taxRate) && taxRate > 0 && (
                <div className="flex justify-between gap-3 text-fg-2">
                  <dt>{t("taxLine", { rate: new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 2 }).format(taxRate) })}</dt>
                  <dd>{fmt(totals.tax)}</dd>
                </div>
              )}
              <div className="flex justify-between gap-3 border-t border-line pt-1 text-sm font-semibold text-fg">
                <dt>{t("total")}</dt>
                <dd data-testid="payment-total">{totals ? fmt(totals.total) : "—"}</dd>
              </div>
            </dl>
            <p className="mt-1 text-2xs text-muted">{t("totalsNote")}</p>
            {fieldError("total")}
          </section>
        </div>

        {/* Beside the form when there is room, under it otherwise (the Send button names the total). */}
        <figure className="min-w-0 rounded-card bg-canvas p-3">
          <figcaption className="mb-2 flex flex-wrap items-center gap-1.5 text-2xs font-medium text-muted">
            <span>{t("previewCaption", { name: greetingName(detail?.contact) === "there" ? t("theCustomer") : (detail?.contact.name ?? t("theCustomer")) })}</span>
            <span className={cn("pill", windowOpen ? "bg-accent-soft text-accent-soft-fg" : "bg-warning-soft text-warning")}>{windowOpen ? t("insideWindow") : t("outsideWindow")}</span>
          </figcaption>
          {customerMessage ? (
            <TemplatePreview rendered={customerMessage} />
          ) : (
            <p className="rounded-lg border border-dashed border-line-strong px-3 py-6 text-center text-2xs text-muted">{t("previewEmpty")}</p>
          )}
          <p className="mt-2 text-2xs text-muted">{windowOpen ? t("insideWindowHint") : t("outsideWindowHint")}</p>
        </figure>
      </div>

      {serverOnly && (
        <p role="alert" className="mx-3 mb-2 flex items-start gap-1.5 text-ui text-danger">
          <CircleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
          {errorText(create.error, t("sendFailed"))}
        </p>
      )}
      <div className="flex flex-wrap items-center justify-end gap-2 border-t border-line px-3 py-2">
        <p className="mr-auto hidden text-2xs text-subtle @md:block">{t.rich("keys", { kbd: (chunks) => <kbd className="kbd">{chunks}</kbd> })}</p>
        <button type="button" className="btn-ghost h-8" onClick={onClose}>
          {t("cancel")}
        </button>
        <button type="submit" className="btn-primary h-8" disabled={create.isPending} aria-busy={create.isPending}>
          {create.isPending ? <LoaderCircle className="size-3.5 animate-spin" aria-hidden /> : <SendHorizontal className="size-3.5" aria-hidden />}
          {totals ? t("sendAmount", { amount: fmt(totals.total) }) : t("send")}
        </button>
      </div>
    </form>
  );
}
