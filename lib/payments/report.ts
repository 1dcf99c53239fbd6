import "server-only";
import { aliasedTable, and, asc, eq } from "drizzle-orm";
import { contacts, paymentRefunds, paymentRequests, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { contactName } from "@/lib/conversations/queries";
import { toRefundDto, type RefundDto } from "./dto";
import { toMajorString, type Currency } from "./money";
import { findPaymentRequestExportRows, toExportItem, type PaymentRequestExportItem } from "./list";
import type { ListPaymentRequestsInput } from "./schemas";

// What the leads' payments page reads beyond the list: the refunds waiting for their decision
// and the CSV export of the filtered requests.

/** A refund an agent asked for, with what a lead needs to decide it without opening the thread. */
export type WaitingRefund = RefundDto & {
  paymentRequestId: string;
  conversationId: string;
  reference: string;
  description: string;
  currency: Currency;
  amountTotal: number;
  amountRefundable: number;
  contactName: string;
  requestedByName: string | null;
};

/** GET /api/payment-requests/refunds: the refunds waiting for a lead's or admin's decision, oldest first. */
export async function listWaitingRefunds(db: Db, { workspaceId, limit = 100 }: { workspaceId: string; limit?: number }): Promise<{ items: WaitingRefund[] }> {
  const requester = aliasedTable(users, "requester");
  const rows = await db
    .select({
      refund: paymentRefunds,
      request: paymentRequests,
      contactProfileName: contacts.profileName,
      contactUsername: contacts.username,
      contactPhone: contacts.phone,
      contactBsuid: contacts.bsuid,
      requestedByName: requester.name,
    })
    .from(paymentRefunds)
    .innerJoin(paymentRequests, eq(paymentRequests.id, paymentRefunds.paymentRequestId))
    .leftJoin(contacts, eq(contacts.id, paymentRequests.contactId))
    .leftJoin(requester, eq(requester.id, paymentRefunds.requestedBy))
    .where(and(eq(paymentRefunds.workspaceId, workspaceId), eq(paymentRefunds.status, "requested")))
    .orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id))
    .limit(limit);
  return {
    items: rows.map((r) => ({
      ...toRefundDto(r.refund),
      paymentRequestId: r.request.id,
      conversationId: r.request.conversationId,
      reference: r.request.reference,
      description: r.request.description,
      currency: r.request.currency as Currency,
      amountTotal: r.request.amountTotal,
      amountRefundable: Math.max(0, r.request.amountCaptured - r.request.amountRefunded),
      contactName: contactName(r.contactProfileName, r.contactUsername, r.contactPhone, r.contactBsuid),
      requestedByName: r.requestedByName,
    })),
  };
}

// ---- CSV (RFC 4180: comma, CRLF, double quotes doubled).

export const CSV_COLUMNS = [
  "reference",
  "created_at",
  "status",
  "currency",
  "amount_total",
  "amount_captured",
  "amount_refunded",
  "amount_subtotal",
  "amount_discount",
  "amount_tax",
  "tax_rate_percent",
  "description",
  "line_items",
  "customer",
  "agent",
  "conversation_id",
  "expires_at",
  "paid_at",
  "cancelled_at",
  "expired_at",
  "provider",
  "id",
] as const;

/**
 * One CSV field. Text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a
 * leading apostrophe (OWASP's CSV-injection advice); quotes, commas and line breaks are quoted.
 */
export function csvField(value: string | number | null | undefined, { text = true }: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One request as a CSV line: amounts as exact decimal strings in the major unit ("90.00", "1500", "1.250"). */
export function csvLine(item: PaymentRequestExportItem): string {
  const money = (minor: number) => csvField(toMajorString(minor, item.currency), { text: false });
  const lineItems = item.lineItems.map((li) => `${li.quantity} × ${li.name} @ ${toMajorString(li.unitAmount, item.currency)}`).join("; ");
  return [
    csvField(item.reference),
    csvField(item.createdAt, { text: false }),
    csvField(item.status),
    csvField(item.currency),
    money(item.amountTotal),
    money(item.amountCaptured),
    money(item.amountRefunded),
    money(item.amountSubtotal),
    money(item.amountDiscount),
    money(item.amountTax),
    csvField(item.taxRate, { text: false }),
    csvField(item.description),
    csvField(lineItems),
    csvField(item.contactName),
    csvField(item.createdByName),
    csvField(item.conversationId),
    csvField(item.expiresAt, { text: false }),
    csvField(item.paidAt, { text: false }),
    csvField(item.cancelledAt, { text: false }),
    csvField(item.expiredAt, { text: false }),
    csvField(item.provider),
    csvField(item.id),
  ].join(",");
}

/** At most this many rows in one export: far above a month of any team's requests. */
export const CSV_MAX_ROWS = 50_000;
const CSV_BATCH = 1_000;

/**
 * GET /api/payment-requests/export: every request the filters select, newest first, read in
 * keyset batches (never OFFSET), as CSV text with a UTF-8 byte order mark so spreadsheet apps
 * read accents and currency symbols right. `truncated` says the export stopped at CSV_MAX_ROWS.
 */
export async function exportPaymentRequestsCsv(
  db: Db,
  { workspaceId, input }: { workspaceId: string; input: Omit<ListPaymentRequestsInput, "cursor" | "limit"> },
): Promise<{ csv: string; rows: number; truncated: boolean }> {
  const lines: string[] = [CSV_COLUMNS.join(",")];
  let after: { ts: string; id: string } | null = null;
  let rows = 0;
  let truncated = false;
  for (;;) {
    const found = await findPaymentRequestExportRows(db, { workspaceId, input, after, size: CSV_BATCH });
    const batch = found.slice(0, CSV_BATCH);
    for (const r of batch) {
      if (rows >= CSV_MAX_ROWS) {
        truncated = true;
        break;
      }
      lines.push(csvLine(toExportItem(r)));
      rows++;
    }
    const last = batch.at(-1);
    if (truncated || found.length <= CSV_BATCH || !last) break;
    after = { ts: last.cursorTs, id: last.row.id };
  }
  return { csv: `\uFEFF${lines.join("\r\n")}\r\n`, rows, truncated };
}

/** The export's file name: the workspace's payments and the day it was made. */
export function csvFilename(now = new Date()): string {
  return `payment-requests-${now.toISOString().slice(0, 10)}.csv`;
}
