"use client";

import { useId, useState } from "react";
import { ClipboardList, X } from "lucide-react";
import { useTranslations } from "next-intl";

/** What the demo Flow answers (`response_json`, beside the flow_token). */
export type FlowAnswers = { new_date: string; seat_preference: "window" | "aisle"; notes?: string };

/**
 * A WhatsApp Flow as the phone shows it: a small form over the chat. The demo Flow asks for a new
 * travel date and a seat; its answers go back to the business as an `nfm_reply`.
 */
export function FlowSheet({ onSubmit, onCancel }: { onSubmit: (answers: FlowAnswers, summary: string) => void; onCancel: () => void }) {
  const t = useTranslations("simulator");
  const id = useId();
  const [date, setDate] = useState("");
  const [seat, setSeat] = useState<FlowAnswers["seat_preference"]>("window");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState(false);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return setError(true);
    const n = notes.trim();
    const seatLabel = seat === "window" ? t("flowSeatWindow") : t("flowSeatAisle");
    onSubmit({ new_date: date, seat_preference: seat, ...(n ? { notes: n } : {}) }, t("flowSummary", { date, seat: seatLabel }));
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="space-y-2 border-t border-line bg-surface px-3 py-2.5">
      <div className="flex items-center gap-2">
        <ClipboardList className="size-4 text-accent-text" aria-hidden />
        <h3 id={`${id}-title`} className="flex-1 text-ui font-semibold">
          {t("flowTitle")}
        </h3>
        <button type="button" className="btn-icon size-6" aria-label={t("flowClose")} title={t("flowClose")} onClick={onCancel}>
          <X className="size-3.5" aria-hidden />
        </button>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div className="space-y-0.5">
          <label htmlFor={`${id}-date`} className="text-2xs font-medium text-fg-2">
            {t("flowNewDate")}
          </label>
          <input
            id={`${id}-date`}
            type="date"
            className="field h-8 text-ui"
            value={date}
            onChange={(e) => {
              setDate(e.target.value);
              setError(false);
            }}
            aria-invalid={error ? true : undefined}
          />
        </div>
        <div className="space-y-0.5">
          <label htmlFor={`${id}-seat`} className="text-2xs font-medium text-fg-2">
            {t("flowSeat")}
          </label>
          <select id={`${id}-seat`} className="field h-8 text-ui" value={seat} onChange={(e) => setSeat(e.target.value === "aisle" ? "aisle" : "window")}>
            <option value="window">{t("flowSeatWindow")}</option>
            <option value="aisle">{t("flowSeatAisle")}</option>
          </select>
        </div>
      </div>
      <div className="space-y-0.5">
        <label htmlFor={`${id}-notes`} className="text-2xs font-medium text-fg-2">
          {t("flowNotes")}
        </label>
        <input id={`${id}-notes`} className="field h-8 text-ui" value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={200} autoComplete="off" />
      </div>
      {error && (
        <p role="alert" className="text-2xs text-danger">
          {t("flowDateMissing")}
        </p>
      )}
      <button type="submit" className="btn-primary h-8 w-full">
        {t("flowSubmit")}
      </button>
    </form>
  );
}
