import type { Db } from "@/lib/db/types";
import { getReport, type Report, type ReportInput } from "./report";

// A report is a few hundred milliseconds of CPU on this two-core machine (bench:api: one lead p95
// 141 ms, eight leads at once p95 631 ms, queued on the cores). Leads open the same view at the
// same time (Monday morning, the last 30 days), so a report is shared: requests for the same
// workspace, range and filters while one is computed wait for it, and its figures serve for
// REPORT_MAX_AGE_MS after. The report says when it was computed (`generatedAt`), and the page
// shows it. Per process and bounded; a failure (a team of another workspace) is never kept.

export const REPORT_MAX_AGE_MS = 30_000;
const MAX_ENTRIES = 256;

type Entry = { at: number; report: Promise<Report> };
const g = globalThis as unknown as { __sportelloReports?: Map<string, Entry> };
const entries = () => (g.__sportelloReports ??= new Map());

export type RecentReportOptions = { maxAgeMs?: number; now?: () => number };

/** getReport, shared with any identical request made in the last `maxAgeMs` (in this process). */
export function getRecentReport(db: Db, input: ReportInput, opts: RecentReportOptions = {}): Promise<Report> {
  const now = opts.now ?? Date.now;
  const maxAge = opts.maxAgeMs ?? REPORT_MAX_AGE_MS;
  const key = JSON.stringify([input.workspaceId, input.from, input.to, input.teamId ?? null, input.agentId ?? null, input.now?.toISOString() ?? null]);
  const map = entries();
  const hit = map.get(key);
  if (hit && now() - hit.at < maxAge) return hit.report;
  const report = getReport(db, input);
  const entry: Entry = { at: now(), report };
  map.delete(key);
  map.set(key, entry);
  for (const [k, e] of map) {
    if (map.size <= MAX_ENTRIES && now() - e.at < maxAge) break; // oldest first: the rest are newer
    map.delete(k);
  }
  report.catch(() => {
    if (map.get(key) === entry) map.delete(key);
  });
  return report;
}

/** Forgets every kept report (tests). */
export function forgetRecentReports(): void {
  entries().clear();
}
