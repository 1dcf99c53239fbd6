// The reports page's state, kept in its URL (?range=30 or ?from=…&to=…, &team=…, &agent=…) so a
// lead can share or reload a view. Pure: the page, the query key and the tests share it.

export const PRESETS = [7, 30, 90] as const;
export type Preset = (typeof PRESETS)[number];
export const DEFAULT_PRESET: Preset = 30;

export type ReportParams = { from: string; to: string; team?: string | null; agent?: string | null };
export type ReportSelection = ReportParams & { preset: Preset | null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** `day` moved by `n` calendar days. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last `days` days up to today, both included. */
export function presetRange(days: Preset, today: string): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** The selection a URL describes; a missing or malformed range is the default preset. */
export function selectionFrom(search: URLSearchParams, today: string): ReportSelection {
  const team = search.get("team") || null;
  const agent = search.get("agent") || null;
  const from = search.get("from") ?? "";
  const to = search.get("to") ?? "";
  if (DAY.test(from) && DAY.test(to)) return { from, to, team, agent, preset: null };
  const n = Number(search.get("range"));
  const preset = (PRESETS as readonly number[]).includes(n) ? (n as Preset) : DEFAULT_PRESET;
  return { ...presetRange(preset, today), team, agent, preset };
}

/** The URL query of a selection (a preset is kept as ?range=, so "last 30 days" stays relative). */
export function selectionSearch(sel: ReportSelection): string {
  const q = new URLSearchParams();
  if (sel.preset) q.set("range", String(sel.preset));
  else {
    q.set("from", sel.from);
    q.set("to", sel.to);
  }
  if (sel.team) q.set("team", sel.team);
  if (sel.agent) q.set("agent", sel.agent);
  return q.toString();
}

/** GET /api/reports for a selection, JSON or the CSV download. */
export function reportUrl(p: ReportParams, format: "json" | "csv" = "json"): string {
  const q = new URLSearchParams({ from: p.from, to: p.to });
  if (p.team) q.set("team", p.team);
  if (p.agent) q.set("agent", p.agent);
  if (format === "csv") q.set("format", "csv");
  return `/api/reports?${q}`;
}
