import { getReadDatabase } from "@/lib/db/client";
import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { reportFilename, reportToCsv } from "@/lib/reports/csv";
import { getRecentReport } from "@/lib/reports/report-cache";
import { reportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

// JSON by default; `format=csv` downloads the same figures, one section each. The figures are read
// from the replica when DATABASE_READ_URL is set (the session was checked on the primary), and an
// identical request within 30 s shares them (lib/reports/report-cache.ts).
export const GET = apiRoute("report:read", async ({ actor, req }) => {
  const q = parseWith(reportQuerySchema, searchParamsOf(req));
  const read = await getReadDatabase();
  const report = await getRecentReport(read.db, { workspaceId: actor.workspaceId, from: q.from, to: q.to, teamId: q.team, agentId: q.agent, parallel: read.kind === "postgres" });
  if (q.format === "json") return report;
  return new Response(reportToCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${reportFilename(report)}"` },
  });
});
