"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { TemplateParam, TemplateValues, ParamValue, TemplateView } from "@/lib/templates/model";
import { currencyExponent, currencyValue } from "@/lib/templates/prefill";
import { cn } from "@/lib/client/cn";
import { inputKind, PICKER_INPUT, pickedText, pickerText, pickerValue } from "./param-kind";

const CURRENCIES = ["EUR", "USD", "GBP", "CHF", "JPY"];
const KNOWN = new Set([
  "first_name", "last_name", "pnr", "flight", "origin", "destination", "departure_date", "departure_time", "arrival_date", "arrival_time",
  "boarding_time", "gate", "seat", "terminal", "zone", "checkin_url", "amount", "due_date", "reason",
]);

const majorAmountOf = (v: ParamValue | undefined): number | null => (v?.type === "currency" ? v.amount1000 / 1000 : null);

/** A number input that keeps what is being typed ("45.") while the value it stands for moves on. */
function AmountInput({ value, onAmount, ...rest }: { value: number | null; onAmount: (n: number | null) => void } & Omit<React.ComponentProps<"input">, "value" | "onChange">) {
  const [text, setText] = useState(value === null ? "" : String(value));
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    // Keep "45." while it still means 45; anything else follows the value.
    if (!(text !== "" && Number(text) === value)) setText(value === null ? "" : String(value));
  }
  return (
    <input
      {...rest}
      type="number"
      inputMode="decimal"
      min={0}
      step="any"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        onAmount(e.target.value === "" || !Number.isFinite(n) || n < 0 ? null : n);
      }}
    />
  );
}

export function useParamLabel() {
  const t = useTranslations("templates.params");
  return (p: TemplateParam, template?: Pick<TemplateView, "components">) => {
    if (p.media) return t("mediaHeader", { kind: p.media });
    if (p.component === "button") {
      const buttons = template?.components.find((c) => c.type === "BUTTONS");
      const b = buttons?.type === "BUTTONS" ? buttons.buttons[p.buttonIndex ?? 0] : undefined;
      return t("buttonSuffix", { button: b?.text ?? String((p.buttonIndex ?? 0) + 1) });
    }
    if (KNOWN.has(p.key)) return t(`names.${p.key}` as never);
    if (/^\d+$/.test(p.key)) return t("positional", { key: p.key });
    return p.key.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());
  };
}

/**
 * One input per template parameter, typed where WhatsApp types the value (currency, date), with
 * the template's example as a hint. Values are kept as the send takes them (ParamValue).
 */
export function TemplateFields({
  template,
  params,
  values,
  locale,
  missing,
  fieldErrors,
  onChange,
  boardingPass,
}: {
  template: Pick<TemplateView, "components">;
  params: TemplateParam[];
  values: TemplateValues;
  /** The language dates and amounts are written in (the template's, or the customer's). */
  locale: string;
  missing: Set<string>;
  fieldErrors: Record<string, string[]>;
  onChange: (id: string, value: ParamValue | undefined) => void;
  /** A document header the selected booking's boarding pass can fill (the default). */
  boardingPass?: { param: string; on: boolean; onToggle: (on: boolean) => void; label: string };
}) {
  const t = useTranslations("templates.params");
  const label = useParamLabel();
  const id = useId();
  return (
    <div className="grid gap-2.5 @sm:grid-cols-2">
      {params.map((p) => {
        const v = values[p.id];
        const kind = inputKind(p, v);
        const inputId = `${id}-${p.id}`;
        const error = fieldErrors[p.id]?.[0];
        const invalid = !!error;
        const describedBy = error ? `${inputId}-e` : undefined;
        const common = "field h-8 text-ui";
        const required = { "aria-required": true as const, "data-param": p.id };
        return (
          <div key={p.id} className={cn(kind === "media" && "@sm:col-span-2")}>
            <div className="mb-1 flex items-baseline gap-1 text-2xs">
              {kind === "media" && boardingPass?.param === p.id && boardingPass.on ? (
                <span className="font-medium text-fg-2">{label(p, template)}</span>
              ) : (
                <label htmlFor={inputId} className="font-medium text-fg-2">
                  {label(p, template)}
                </label>
              )}
              {/* Said by aria-required on the input; shown for the eye only. */}
              {missing.has(p.id) && (
                <span className="text-warning" aria-hidden>
                  · {t("required")}
                </span>
              )}
            </div>
            {kind === "text" && (
              <input
                id={inputId}
                {...required}
                className={common}
                value={v?.type === "text" ? v.text : v?.type === "date_time" ? v.fallback : ""}
                placeholder={p.example}
                maxLength={p.component === "button" ? 200 : 1024}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(e) => onChange(p.id, e.target.value ? { type: "text", text: e.target.value.replace(/[\n\t]/g, " ") } : undefined)}
              />
            )}
            {(kind === "date" || kind === "time" || kind === "datetime") && (
              // Free text the template carries as is, and a picker beside it that writes the text in the customer's locale.
              <div className="flex flex-wrap gap-1.5">
                <input
                  id={inputId}
                  {...required}
                  className={cn(common, "w-auto min-w-36 flex-1")}
                  value={pickerText(v)}
                  placeholder={p.example}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(e) => onChange(p.id, pickerValue(kind, e.target.value))}
                />
                <input
                  type={PICKER_INPUT[kind]}
                  aria-label={t(kind === "date" ? "pickDate" : kind === "time" ? "pickTime" : "pickDateTime", { field: label(p, template) })}
                  className={cn("field h-8 shrink-0 px-2 text-ui", kind === "date" ? "w-[8.5rem]" : kind === "time" ? "w-[6.5rem]" : "w-[12.5rem]")}
                  onChange={(e) => {
                    const text = pickedText(kind, e.target.value, locale);
                    if (text) onChange(p.id, pickerValue(kind, text));
                  }}
                />
              </div>
            )}
            {kind === "currency" && (
              <div className="flex gap-1.5">
                <AmountInput
                  id={inputId}
                  {...required}
                  className={cn(common, "min-w-0 flex-1 tabular-nums")}
                  value={majorAmountOf(v)}
                  placeholder={p.example}
                  aria-invalid={invalid}
                  aria-describedby={v?.type === "currency" ? `${inputId}-f` : describedBy}
                  onAmount={(amount) => {
                    const code = v?.type === "currency" ? v.code : "EUR";
                    onChange(p.id, amount === null ? undefined : currencyValue(Math.round(amount * 10 ** currencyExponent(code)), code, locale));
                  }}
                />
                <select
                  aria-label={t("currency")}
                  className="select-ctl h-8 w-20 shrink-0"
                  value={v?.type === "currency" ? v.code : "EUR"}
                  onChange={(e) => {
                    if (v?.type !== "currency") return;
                    const amount = v.amount1000 / 1000;
                    onChange(p.id, currencyValue(Math.round(amount * 10 ** currencyExponent(e.target.value)), e.target.value, locale));
                  }}
                >
                  {[...new Set([...(v?.type === "currency" ? [v.code] : []), ...CURRENCIES])].map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </div>
            )}
            {kind === "currency" && v?.type === "currency" && (
              <p id={`${inputId}-f`} className="mt-0.5 text-2xs text-muted">
                {t("customerReads", { text: v.fallback })}
              </p>
            )}
            {kind === "media" && boardingPass?.param === p.id && (
              <label className="mb-1.5 flex items-center gap-2 text-ui">
                <input type="checkbox" checked={boardingPass.on} onChange={(e) => boardingPass.onToggle(e.target.checked)} />
                {boardingPass.label}
              </label>
            )}
            {kind === "media" && !(boardingPass?.param === p.id && boardingPass.on) && (
              <div className="grid gap-1.5 @sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
                <input
                  id={inputId}
                  {...required}
                  type="url"
                  className={common}
                  placeholder="https://…"
                  value={v?.type === "media" ? (v.link ?? "") : ""}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(e) => onChange(p.id, e.target.value ? { type: "media", link: e.target.value, filename: v?.type === "media" ? v.filename : undefined } : undefined)}
                />
                <input
                  aria-label={t("filename")}
                  className={common}
                  placeholder={t("filenamePlaceholder")}
                  value={v?.type === "media" ? (v.filename ?? "") : ""}
                  onChange={(e) => v?.type === "media" && onChange(p.id, { ...v, filename: e.target.value || undefined })}
                />
              </div>
            )}
            {error && (
              <p id={`${inputId}-e`} className="mt-0.5 text-2xs text-danger">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
