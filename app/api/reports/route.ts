import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { reportFilename, reportToCsv } from "@/lib/reports/csv";
import { readReport } from "@/lib/reports/read-route";
import { reportQuerySchema } from "@/lib/reports/schemas";

export const dynamic = "force-dynamic";

// JSON by default; `format=csv` downloads the same figures, one section each. In production the
// JSON is answered by server.mjs's lean path (lib/reports/read-route.ts) and the CSV here.
export const GET = apiRoute("report:read", async ({ actor, req }) => {
  const q = parseWith(reportQuerySchema, searchParamsOf(req));
  const report = await readReport(actor.workspaceId, q);
  if (q.format === "json") return report;
  return new Response(reportToCsv(report), {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${reportFilename(report)}"` },
  });
});
