import { getAppUrl, getPaymentSecrets } from "@/lib/env";
import type { paymentRefunds, paymentRequests } from "@/lib/db/schema";
import { bpsToPercent, type Currency } from "./money";
import { payTokenOf } from "./reference";
import { refundableAmount, type PaymentStatus } from "./state";

export type PaymentRequestRow = typeof paymentRequests.$inferSelect;
export type RefundRow = typeof paymentRefunds.$inferSelect;

export type RefundDto = {
  id: string;
  amount: number;
  reason: string;
  status: "requested" | "approved" | "declined" | "succeeded" | "failed";
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
};

/** A payment request as the API returns it. Amounts are integers in the currency's minor unit. */
export type PaymentRequestDto = {
  id: string;
  reference: string;
  status: PaymentStatus;
  currency: Currency;
  lineItems: { name: string; quantity: number; unitAmount: number; amount: number }[];
  /** Percent (22 = 22 %). */
  taxRate: number;
  amountSubtotal: number;
  amountDiscount: number;
  amountTax: number;
  amountTotal: number;
  amountCaptured: number;
  amountRefunded: number;
  /** What a refund may still take back (0 unless paid or partially refunded). */
  amountRefundable: number;
  description: string;
  expiresAt: string;
  payUrl: string;
  conversationId: string;
  contactId: string;
  bookingId: string | null;
  messageId: string | null;
  createdBy: string | null;
  provider: string;
  lastFailure: { code: string; message: string; at: string } | null;
  paidAt: string | null;
  cancelledAt: string | null;
  expiredAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function payTokenOfRow(row: Pick<PaymentRequestRow, "payTokenNonce">): string {
  return payTokenOf(row.payTokenNonce, getPaymentSecrets().linkSecret);
}

/** The customer's link: `<APP_URL>/pay/<token>`. */
export function payUrlOf(row: Pick<PaymentRequestRow, "payTokenNonce">): string {
  return `${getAppUrl()}/pay/${payTokenOfRow(row)}`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A request without its pay link: what the CSV export prints (signing one per row would be waste). */
export type PaymentRequestFields = Omit<PaymentRequestDto, "payUrl">;

export function toPaymentRequestDto(row: PaymentRequestRow): PaymentRequestDto {
  const dto = toPaymentRequestFields(row) as PaymentRequestDto;
  dto.payUrl = payUrlOf(row);
  return dto;
}

export function toPaymentRequestFields(row: PaymentRequestRow): PaymentRequestFields {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status as PaymentStatus,
    currency: row.currency as Currency,
    lineItems: row.lineItems,
    taxRate: bpsToPercent(row.taxRateBps),
    amountSubtotal: row.amountSubtotal,
    amountDiscount: row.amountDiscount,
    amountTax: row.amountTax,
    amountTotal: row.amountTotal,
    amountCaptured: row.amountCaptured,
    amountRefunded: row.amountRefunded,
    amountRefundable: refundableAmount({ status: row.status as PaymentStatus, amountCaptured: row.amountCaptured, amountRefunded: row.amountRefunded }),
    description: row.description,
    expiresAt: row.expiresAt.toISOString(),
    conversationId: row.conversationId,
    contactId: row.contactId,
    bookingId: row.bookingId,
    messageId: row.messageId,
    createdBy: row.createdBy,
    provider: row.provider,
    lastFailure: row.lastFailure ?? null,
    paidAt: iso(row.paidAt),
    cancelledAt: iso(row.cancelledAt),
    expiredAt: iso(row.expiredAt),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRefundDto(row: RefundRow): RefundDto {
  return {
    id: row.id,
    amount: row.amount,
    reason: row.reason,
    status: row.status as RefundDto["status"],
    requestedBy: row.requestedBy,
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    createdAt: row.createdAt.toISOString(),
  };
}
