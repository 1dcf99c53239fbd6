import "server-only";
import { getReadDatabase } from "@/lib/db/client";
import { defineReadRoute } from "@/lib/http/read-route";
import { parseWith } from "@/lib/http/route";
import type { Report } from "./report";
import { getRecentReport } from "./report-cache";
import { reportQuerySchema, type ReportQuery } from "./schemas";

/**
 * A lead's report for the query: read from the replica when DATABASE_READ_URL is set (the session
 * was checked on the primary), and shared with an identical request within 30 s (report-cache.ts).
 */
export async function readReport(workspaceId: string, q: ReportQuery): Promise<Report> {
  const read = await getReadDatabase();
  return getRecentReport(read.db, { workspaceId, from: q.from, to: q.to, teamId: q.team, agentId: q.agent, parallel: read.kind === "postgres" });
}

// Served by the route file and by server.mjs's lean path (lib/http/read-route.ts), like the
// inbox's reads: Next's router cost a report ~2.4 ms of CPU and 10–20 ms of p95 on its own
// (bench:api's 401 floor through Next, 12-04). The CSV download stays with the route file.

/** GET /api/reports (JSON): every figure of the range. */
export const reportRead = defineReadRoute({
  action: "report:read",
  serves: (query) => query.format !== "csv",
  run: ({ actor, query }) => readReport(actor.workspaceId, parseWith(reportQuerySchema, query)),
});
