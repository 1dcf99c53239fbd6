import type { ParamValue, TemplateParam } from "@/lib/templates/model";

// What input a template parameter gets in the composer, and the text a picked date or time becomes.
// Pure, so the rules are tested without a browser (param-kind.test.ts).

export type ParamKind = "text" | "currency" | "date" | "time" | "datetime" | "media";
/** The kinds with a picker beside the free-text box. */
export type PickerKind = Extract<ParamKind, "date" | "time" | "datetime">;

/** What a parameter's name says it holds: `amount`, `due_date`, `boarding_time`, `pickup_datetime`… */
export function kindFromName(key: string): Exclude<ParamKind, "media"> {
  const k = key.toLowerCase();
  if (/^(amount|total|price)$/.test(k)) return "currency";
  if (/(^|_)(date_?time|timestamp)$/.test(k)) return "datetime";
  if (/(^|_)time$/.test(k)) return "time";
  if (/(^|_)date$/.test(k)) return "date";
  return "text";
}

/**
 * What kind of input a parameter gets: a media header is media; a typed value keeps its type
 * (a currency stays a currency, a date_time a date); otherwise the name says. A time or date-time
 * name keeps its picker whatever was typed in it (the booking fills times as plain text).
 */
export function inputKind(p: Pick<TemplateParam, "key" | "media">, v: ParamValue | undefined): ParamKind {
  if (p.media) return "media";
  const byName = kindFromName(p.key);
  if (v?.type === "currency" || (!v && byName === "currency")) return "currency";
  if ((byName === "time" || byName === "datetime") && v?.type !== "media") return byName;
  if (v?.type === "date_time" || (!v && byName === "date")) return "date";
  return "text";
}

// The formats the booking's prefill writes (lib/templates/prefill.ts), so a picked value reads like a filled one.
const DATE: Intl.DateTimeFormatOptions = { weekday: "short", day: "numeric", month: "short", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit" };

/**
 * The text a value picked in a date (`2026-12-18`), time (`07:40`) or datetime-local
 * (`2026-12-18T07:40`) input becomes, in `locale`. The picked value is a wall-clock reading, so it
 * is formatted as UTC: what the agent picked is what the customer reads. Null when it is not one.
 */
export function pickedText(kind: PickerKind, picked: string, locale: string): string | null {
  const m =
    kind === "date"
      ? /^(\d{4}-\d{2}-\d{2})$/.exec(picked)
      : kind === "time"
        ? /^(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(picked)
        : /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(picked);
  if (!m) return null;
  const iso = kind === "date" ? `${m[1]}T12:00:00Z` : kind === "time" ? `1970-01-01T${m[1]}:00Z` : `${m[1]}T${m[2]}:00Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const options = kind === "date" ? DATE : kind === "time" ? TIME : { ...DATE, ...TIME };
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: "UTC", ...options }).format(at);
  } catch {
    return new Intl.DateTimeFormat("en", { timeZone: "UTC", ...options }).format(at);
  }
}

/**
 * The value a picker kind's free text or picked text is sent as: a date or date-time as WhatsApp's
 * date_time (its fallback is what the customer reads), a time as text, as the booking's prefill does.
 */
export function pickerValue(kind: PickerKind, text: string): ParamValue | undefined {
  if (!text) return undefined;
  const clean = text.replace(/[\n\t]/g, " ");
  return kind === "time" ? { type: "text", text: clean } : { type: "date_time", fallback: clean };
}

/** What a picker kind's free-text box shows of a value. */
export const pickerText = (v: ParamValue | undefined): string => (v?.type === "date_time" ? v.fallback : v?.type === "text" ? v.text : "");

/** The input type of a picker kind. */
export const PICKER_INPUT: Record<PickerKind, "date" | "time" | "datetime-local"> = { date: "date", time: "time", datetime: "datetime-local" };
