// The payment request's one state machine. Pure: the domain applies it to a row it holds locked,
// so two events for the same request (two tabs paying, the expiry job and a payment) are
// decided one after the other, each against what the other left.
//
//   pending ──capture──▶ paid ──refund──▶ partially_refunded ──refund──▶ refunded
//      │ └─decline: stays pending (the customer may try another card); the failure is recorded
//      ├──expire──▶ expired ──capture (charged at or before expires_at)──▶ paid
//      └──cancel──▶ cancelled
//
// "Failed" is not a status: a declined card or a processing error leaves the request payable.
// A payment and the expiry at the same instant end paid: a capture whose charge happened at or
// before expires_at wins even when the expiry job got there first.

export const PAYMENT_STATUSES = ["pending", "paid", "expired", "cancelled", "partially_refunded", "refunded"] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export type PaymentSnapshot = {
  status: PaymentStatus;
  amountTotal: number;
  amountCaptured: number;
  amountRefunded: number;
  expiresAt: Date;
};

export type PaymentEvent =
  | { type: "capture"; amount: number; at: Date }
  | { type: "decline"; at: Date }
  | { type: "expire"; at: Date }
  | { type: "cancel"; at: Date }
  | { type: "refund"; amount: number; at: Date };

export type TransitionResult =
  | { ok: true; next: PaymentSnapshot; changed: boolean }
  | { ok: false; reason: IllegalReason; message: string };

export type IllegalReason =
  | "payment.not_pending"
  | "payment.already_paid"
  | "payment.expired"
  | "payment.cancelled"
  | "payment.not_expired_yet"
  | "payment.amount_mismatch"
  | "payment.not_refundable"
  | "payment.refund_too_large"
  | "payment.refund_amount_invalid";

const REFUNDABLE: ReadonlySet<PaymentStatus> = new Set(["paid", "partially_refunded"]);

export function refundableAmount(s: Pick<PaymentSnapshot, "status" | "amountCaptured" | "amountRefunded">): number {
  return REFUNDABLE.has(s.status) ? s.amountCaptured - s.amountRefunded : 0;
}

export function isPayable(s: Pick<PaymentSnapshot, "status" | "expiresAt">, now: Date): boolean {
  return s.status === "pending" && now.getTime() < s.expiresAt.getTime();
}

const fail = (reason: IllegalReason, message: string): TransitionResult => ({ ok: false, reason, message });
const same = (s: PaymentSnapshot): TransitionResult => ({ ok: true, next: s, changed: false });
const to = (s: PaymentSnapshot, patch: Partial<PaymentSnapshot>): TransitionResult => ({ ok: true, next: { ...s, ...patch }, changed: true });

function notPending(s: PaymentSnapshot): TransitionResult {
  if (s.status === "expired") return fail("payment.expired", "This payment request has expired.");
  if (s.status === "cancelled") return fail("payment.cancelled", "This payment request was cancelled.");
  if (s.status === "paid" || s.status === "partially_refunded" || s.status === "refunded") return fail("payment.already_paid", "This payment request is already paid.");
  return fail("payment.not_pending", "This payment request is no longer pending.");
}

export function transition(s: PaymentSnapshot, e: PaymentEvent): TransitionResult {
  switch (e.type) {
    case "capture": {
      if (e.amount !== s.amountTotal) return fail("payment.amount_mismatch", "The captured amount differs from the requested amount.");
      if (s.status === "pending") return to(s, { status: "paid", amountCaptured: e.amount });
      // Charged in time, settled late: the customer paid before the deadline, so it is paid.
      if (s.status === "expired" && e.at.getTime() <= s.expiresAt.getTime()) return to(s, { status: "paid", amountCaptured: e.amount });
      return notPending(s);
    }
    case "decline":
      return s.status === "pending" ? same(s) : notPending(s);
    case "expire":
      if (s.status !== "pending") return notPending(s);
      if (e.at.getTime() < s.expiresAt.getTime()) return fail("payment.not_expired_yet", "This payment request has not expired yet.");
      return to(s, { status: "expired" });
    case "cancel":
      return s.status === "pending" ? to(s, { status: "cancelled" }) : notPending(s);
    case "refund": {
      if (!REFUNDABLE.has(s.status)) return fail("payment.not_refundable", "Only a paid request can be refunded.");
      if (!Number.isSafeInteger(e.amount) || e.amount <= 0) return fail("payment.refund_amount_invalid", "A refund must be more than zero.");
      const left = s.amountCaptured - s.amountRefunded;
      if (e.amount > left) return fail("payment.refund_too_large", "A refund cannot be more than what was captured and not yet refunded.");
      const refunded = s.amountRefunded + e.amount;
      return to(s, { amountRefunded: refunded, status: refunded === s.amountCaptured ? "refunded" : "partially_refunded" });
    }
  }
}
