import type { Db } from "@/lib/db/types";
import { readTransaction } from "@/lib/db/read-transaction";
import { getAgentTable, type AgentRow } from "./agents";
import { getCsat, type Csat } from "./csat";
import { getMessageHeatmap, type Heatmap } from "./heatmap";
import { getPayments, type PaymentsRow } from "./payments";
import { getFirstResponse, getResolutionTime, type FirstResponse, type Percentiles } from "./response-times";
import { daysInRange } from "./schemas";
import { resolveScope, type ScopeInput } from "./scope";
import { getVolume, type Volume } from "./volume";
import { getWindowMisses, type WindowMisses } from "./window-misses";

// The lead's reports (/reports, GET /api/reports): every figure is one SQL query in its own file,
// computed by the database (percentile_cont, generate_series for empty days, AT TIME ZONE the
// workspace's zone), so PGlite and PostgreSQL answer identically and nothing is loaded row by row.
// Durations are seconds, amounts minor units, days YYYY-MM-DD in the workspace's zone.
//
// The charts (components/reports) are drawn with @visx (scale, shape, group): plain SVG rendered
// by React, so they take the design tokens as CSS variables (light and dark without a line of
// theme code), carry role="img" and a data-table twin for screen readers, and ship only the d3
// pieces they use (≈ 20 KB gzip, loaded by /reports alone). Recharts 3 brings Redux Toolkit and
// Immer (several times the weight); uPlot, Chart.js and ECharts draw on a canvas that neither
// reads CSS variables nor exposes anything to assistive technology.

export type Report = {
  /** The instant the figures describe (ISO; the scope's `now`): a report may be served again for a short while. */
  generatedAt: string;
  range: { from: string; to: string; days: number; timeZone: string };
  filters: { teamId: string | null; agentId: string | null };
  volume: Volume;
  firstResponse: FirstResponse;
  resolution: Percentiles;
  heatmap: Heatmap;
  windowMisses: WindowMisses;
  csat: Csat;
  payments: PaymentsRow[];
  agents: AgentRow[];
};

export type ReportInput = ScopeInput & {
  /**
   * PostgreSQL only: the figures in two read transactions at once, the per-agent table (the
   * longest) beside the rest, so a report waits for the slower half rather than the sum. PGlite
   * runs one query at a time whatever is asked, so it reads them in one transaction.
   */
  parallel?: boolean;
};

/** Every figure of the range; a team or teammate of another workspace is a 404. */
export async function getReport(db: Db, input: ReportInput): Promise<Report> {
  const scope = await resolveScope(db, input);
  // Read transactions without JIT or parallel workers (lib/db/read-transaction.ts), with more sort
  // memory: a month's messages in conversation order once spilled 7 MB to disk.
  const read = <T>(fn: (tx: Db) => Promise<T>) => readTransaction(db, fn, { workMem: "32MB" });
  const rest = async (tx: Db) => ({
    volume: await getVolume(tx, scope),
    firstResponse: await getFirstResponse(tx, scope),
    resolution: await getResolutionTime(tx, scope),
    heatmap: await getMessageHeatmap(tx, scope),
    windowMisses: await getWindowMisses(tx, scope),
    csat: await getCsat(tx, scope),
    payments: await getPayments(tx, scope),
  });
  const figures = input.parallel
    ? await Promise.all([read(rest), read((tx) => getAgentTable(tx, scope))]).then(([r, agents]) => ({ ...r, agents }))
    : await read(async (tx) => ({ ...(await rest(tx)), agents: await getAgentTable(tx, scope) }));
  const { volume, firstResponse, resolution, heatmap, windowMisses, csat, payments, agents } = figures;
  return {
    generatedAt: scope.now,
    range: { from: scope.from, to: scope.to, days: daysInRange(scope.from, scope.to), timeZone: scope.timeZone },
    filters: { teamId: scope.teamId ?? null, agentId: scope.agentId ?? null },
    volume,
    firstResponse,
    resolution,
    heatmap,
    windowMisses,
    csat,
    payments,
    agents,
  };
}
