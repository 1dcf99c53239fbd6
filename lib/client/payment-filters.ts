// The leads' payments page filters, as they travel in its URL and to GET /api/payment-requests
// (and its CSV export). Pure: the page, the key factory and the tests share it.
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/payments/state";

export type PaymentFilters = {
  status?: PaymentStatus;
  /** Days as the lead picks them (YYYY-MM-DD, in their time zone); `to` is inclusive. */
  from?: string;
  to?: string;
  agentId?: string;
  conversationId?: string;
};

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The filters a URL carries; anything malformed is left out rather than sent to be refused. */
export function paymentFiltersFrom(params: URLSearchParams): PaymentFilters {
  const f: PaymentFilters = {};
  const status = params.get("status");
  if (status && (PAYMENT_STATUSES as readonly string[]).includes(status)) f.status = status as PaymentStatus;
  const from = params.get("from");
  if (from && DAY.test(from)) f.from = from;
  const to = params.get("to");
  if (to && DAY.test(to)) f.to = to;
  const agentId = params.get("agentId");
  if (agentId && UUID.test(agentId)) f.agentId = agentId;
  const conversationId = params.get("conversationId");
  if (conversationId && UUID.test(conversationId)) f.conversationId = conversationId;
  return f;
}

/** The page's own URL query for these filters (days as picked). */
export function paymentFiltersQuery(f: PaymentFilters): string {
  const p = new URLSearchParams();
  for (const k of ["status", "from", "to", "agentId", "conversationId"] as const) if (f[k]) p.set(k, f[k]!);
  return p.toString();
}

/** Local midnight of a YYYY-MM-DD day, as an instant with its offset. */
function startOfLocalDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * The API's query for these filters: days become instants in the browser's time zone (`from` at
 * its midnight, `to` up to the next midnight, exclusive), so "today" means the lead's today.
 */
export function paymentApiQuery(f: PaymentFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  if (f.status) p.set("status", f.status);
  if (f.from) p.set("from", startOfLocalDay(f.from).toISOString());
  if (f.to) {
    const end = startOfLocalDay(f.to);
    end.setDate(end.getDate() + 1);
    p.set("to", end.toISOString());
  }
  if (f.agentId) p.set("agentId", f.agentId);
  if (f.conversationId) p.set("conversationId", f.conversationId);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}
