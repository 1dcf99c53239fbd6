import type { Report } from "./report";

// The report as CSV: one section per figure (a title line, a header line, the rows, a blank
// line), so a spreadsheet opens it as is. Column names are stable English keys; durations in
// seconds, amounts in the currency's minor unit, as the JSON has them.

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function cell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(2);
  // Quote when needed; a leading = + - @ would be a formula in a spreadsheet: neutralise it.
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function section(title: string, header: string[], rows: (string | number | null)[][]): string {
  return [cell(title), header.join(","), ...rows.map((r) => r.map(cell).join(",")), ""].join("\r\n");
}

export function reportFilename(report: Report): string {
  return `sportello-report_${report.range.from}_${report.range.to}.csv`;
}

export function reportToCsv(report: Report): string {
  const { volume, firstResponse, resolution, heatmap, windowMisses, csat, payments, agents } = report;
  const misses = new Map(windowMisses.days.map((d) => [d.day, d.count]));
  const frt = new Map(firstResponse.days.map((d) => [d.day, d]));
  return [
    section("Report", ["from", "to", "time_zone", "team_id", "agent_id"], [[report.range.from, report.range.to, report.range.timeZone, report.filters.teamId, report.filters.agentId]]),
    section(
      "Per day",
      ["day", "opened", "resolved", "first_response_count", "first_response_median_s", "first_response_p90_s", "window_misses"],
      volume.days.map((d) => {
        const f = frt.get(d.day);
        return [d.day, d.opened, d.resolved, f?.count ?? 0, f?.median ?? null, f?.p90 ?? null, misses.get(d.day) ?? 0];
      }),
    ),
    section(
      "Response times",
      ["figure", "count", "median_s", "p90_s"],
      [
        ["first_response", firstResponse.overall.count, firstResponse.overall.median, firstResponse.overall.p90],
        ["resolution", resolution.count, resolution.median, resolution.p90],
      ],
    ),
    section(
      "Customer messages by weekday and hour",
      ["weekday", ...Array.from({ length: 24 }, (_, h) => `h${String(h).padStart(2, "0")}`)],
      heatmap.cells.map((row, i) => [WEEKDAYS[i] ?? String(i), ...row]),
    ),
    section(
      "Customer satisfaction",
      ["requested", "answered", "response_rate", "average", "rating_1", "rating_2", "rating_3", "rating_4", "rating_5"],
      [[csat.requested, csat.answered, csat.responseRate, csat.average, ...csat.distribution]],
    ),
    section(
      "Payments",
      ["currency", "requested_count", "requested_amount_minor", "paid_count", "collected_amount_minor", "refunded_amount_minor"],
      payments.map((p) => [p.currency, p.requestedCount, p.requestedAmount, p.paidCount, p.collectedAmount, p.refundedAmount]),
    ),
    section(
      "Agents",
      ["agent_id", "agent", "handled", "first_response_median_s", "resolved", "csat_average", "csat_answered"],
      agents.map((a) => [a.userId, a.name ?? "Unassigned", a.handled, a.firstResponseMedian, a.resolved, a.csatAverage, a.csatAnswered]),
    ),
  ].join("\r\n");
}
