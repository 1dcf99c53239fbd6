import { apiRoute, parseWith, searchParamsOf } from "@/lib/http/route";
import { csvFilename, exportPaymentRequestsCsv } from "@/lib/payments/report";
import { exportPaymentRequestsSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

// The leads' CSV: every request the list's filters select (no paging), as a download.
export const GET = apiRoute("payment:report", async ({ actor, db, req }) => {
  const input = parseWith(exportPaymentRequestsSchema, searchParamsOf(req));
  const { csv, truncated } = await exportPaymentRequestsCsv(db, { workspaceId: actor.workspaceId, input });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFilename()}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...(truncated ? { "X-Export-Truncated": "true" } : {}),
    },
  });
});
