import { checkDatabase } from "@/lib/db/health";

// For load balancers (HAProxy's `option httpchk`): no session, no secrets, one `select 1` with a
// short timeout. 200 when this process can reach its database, 503 otherwise, so a process whose
// database is gone is taken out of rotation while the others keep serving.
export const dynamic = "force-dynamic";

export async function GET() {
  const ok = await checkDatabase(2_000);
  return Response.json({ ok }, { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
