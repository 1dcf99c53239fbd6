import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { channels, contacts, conversations, paymentRefunds, paymentRequests, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { findBusinessProfile } from "@/lib/channels/channels";
import { toPaymentRequestDto, toRefundDto, type PaymentRequestDto, type PaymentRequestRow, type RefundDto } from "./dto";
import { paymentErrors } from "./errors";
import type { Currency } from "./money";
import { hashPayToken, isWellFormedPayToken } from "./reference";
import { isPayable, type PaymentStatus } from "./state";

export async function findRequestRow(db: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestRow> {
  const [row] = await db.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.id, id))).limit(1);
  if (!row) throw paymentErrors.notFound();
  return row;
}

/** The row locked for a change: every transition is decided against what the previous one left. */
export async function lockRequestRow(tx: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestRow> {
  const [row] = await tx.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), eq(paymentRequests.id, id))).for("update").limit(1);
  if (!row) throw paymentErrors.notFound();
  return row;
}

export type PaymentRequestDetail = PaymentRequestDto & { refunds: RefundDto[] };

/** GET /api/payment-requests/:id: the request with its refunds, oldest first. */
export async function getPaymentRequest(db: Db, { workspaceId, id }: { workspaceId: string; id: string }): Promise<PaymentRequestDetail> {
  const row = await findRequestRow(db, { workspaceId, id });
  const refunds = await db.select().from(paymentRefunds).where(eq(paymentRefunds.paymentRequestId, row.id)).orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
  return { ...toPaymentRequestDto(row), refunds: refunds.map(toRefundDto) };
}

/** Several requests with their refunds, by id (lib/live reads what a batch of changes touched). */
export async function findPaymentRequestDetails(db: Db, { workspaceId, ids }: { workspaceId: string; ids: string[] }): Promise<PaymentRequestDetail[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(paymentRequests).where(and(eq(paymentRequests.workspaceId, workspaceId), inArray(paymentRequests.id, ids)));
  if (rows.length === 0) return [];
  const refunds = await db
    .select()
    .from(paymentRefunds)
    .where(inArray(paymentRefunds.paymentRequestId, rows.map((r) => r.id)))
    .orderBy(asc(paymentRefunds.createdAt), asc(paymentRefunds.id));
  return rows.map((row) => ({ ...toPaymentRequestDto(row), refunds: refunds.filter((r) => r.paymentRequestId === row.id).map(toRefundDto) }));
}

/** The row behind a pay link, or a 404 (a malformed token is not even looked up). */
export async function findRowByPayToken(db: Db, token: string, opts: { lock?: boolean } = {}): Promise<PaymentRequestRow> {
  if (!isWellFormedPayToken(token)) throw paymentErrors.payLinkNotFound();
  const q = db.select().from(paymentRequests).where(eq(paymentRequests.payTokenHash, hashPayToken(token))).limit(1);
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw paymentErrors.payLinkNotFound();
  return row;
}

/** What the public pay page shows: the payee, what is paid for, the amount, the expiry, the status. Nothing else. */
export type PublicPaymentView = {
  business: { name: string; verified: boolean };
  reference: string;
  description: string;
  lineItems: { name: string; quantity: number; unitAmount: number; amount: number }[];
  currency: Currency;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  taxRate: number;
  amountTotal: number;
  /** What was paid back (a refunded page says how much). */
  amountRefunded: number;
  expiresAt: string;
  /** pending | paid | expired | cancelled | refunded | partially_refunded; a pending request past its expiry reads expired. */
  status: PaymentStatus;
  payable: boolean;
  paidAt: string | null;
  lastFailure: { code: string; message: string } | null;
  /** `sandbox`: the page shows its card form; otherwise it sends the customer to `checkoutUrl`. */
  provider: string;
  checkoutUrl: string | null;
  /** The business's time zone (IANA): the page says the expiry in it. */
  timeZone: string;
  /** The language WhatsApp reported for this customer ("it_IT"), or null: the page's first choice of language. */
  locale: string | null;
};

export async function getPublicPaymentView(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<PublicPaymentView> {
  const row = await findRowByPayToken(db, token);
  const [ch] = await db
    .select({ phoneNumberId: channels.phoneNumberId, verifiedName: channels.verifiedName, verified: channels.verified })
    .from(conversations)
    .innerJoin(channels, eq(channels.id, conversations.channelId))
    .where(eq(conversations.id, row.conversationId))
    .limit(1);
  // Only the request's own workspace and its own customer: nothing of anyone else.
  const [ws] = await db.select({ timeZone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, row.workspaceId)).limit(1);
  const [contact] = await db.select({ locale: contacts.locale }).from(contacts).where(and(eq(contacts.workspaceId, row.workspaceId), eq(contacts.id, row.contactId))).limit(1);
  const profile = ch ? await findBusinessProfile(db, { phoneNumberId: ch.phoneNumberId }) : null;
  const status = row.status as PaymentStatus;
  const payable = isPayable({ status, expiresAt: row.expiresAt }, now);
  return {
    business: profile ?? { name: ch?.verifiedName ?? "", verified: ch?.verified ?? false },
    reference: row.reference,
    description: row.description,
    lineItems: row.lineItems,
    currency: row.currency as Currency,
    amountSubtotal: row.amountSubtotal,
    amountDiscount: row.amountDiscount,
    amountTax: row.amountTax,
    taxRate: row.taxRateBps / 100,
    amountTotal: row.amountTotal,
    amountRefunded: row.amountRefunded,
    expiresAt: row.expiresAt.toISOString(),
    status: status === "pending" && !payable ? "expired" : status,
    payable,
    paidAt: row.paidAt?.toISOString() ?? null,
    lastFailure: status === "pending" && row.lastFailure ? { code: row.lastFailure.code, message: row.lastFailure.message } : null,
    provider: row.provider,
    checkoutUrl: payable ? row.checkoutUrl : null,
    timeZone: ws?.timeZone ?? "UTC",
    locale: contact?.locale ?? null,
  };
}
