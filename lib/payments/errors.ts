import { domainError } from "@/lib/errors/app-error";
import type { IllegalReason } from "./state";
import type { MoneyError } from "./money";

// The payment domain's errors: a reason a client can translate, its params, and the English
// sentence for API users. lib/http maps the kind to the status.
export const paymentErrors = {
  notFound: () => domainError("not_found", "payment.not_found", "Payment request not found."),
  refundNotFound: () => domainError("not_found", "payment.refund_not_found", "Refund not found."),
  payLinkNotFound: () => domainError("not_found", "payment.link_not_found", "This payment link does not exist."),
  idempotencyKeyMissing: () =>
    domainError("bad_request", "payment.idempotency_key_missing", "Send an Idempotency-Key header (1–255 visible characters) so a retried request is not applied twice."),
  idempotencyKeyReused: () =>
    domainError("conflict", "payment.idempotency_key_reused", "This Idempotency-Key was already used with a different request body."),
  referenceTaken: (reference: string) =>
    domainError("conflict", "payment.reference_taken", `The reference ${reference} is already used by another payment request.`, { reference }, { reference: ["Already used."] }),
  illegal: (reason: IllegalReason, message: string, status: string) => domainError("conflict", reason, message, { status }),
  money: (e: MoneyError) => {
    const field = e.reason === "discount_too_large" ? "discountAmount" : e.reason === "tax_rate_invalid" ? "taxRate" : "lineItems";
    return domainError("validation_failed", `payment.${e.reason}`, e.message, undefined, { [field]: [e.message] });
  },
  currencyMismatch: () => domainError("validation_failed", "payment.currency_unsupported", "This currency is not supported.", undefined, { currency: ["Unsupported currency."] }),
  bookingNotCustomers: () =>
    domainError("validation_failed", "payment.booking_not_customers", "This booking belongs to another customer.", undefined, { bookingId: ["Not this customer's booking."] }),
  expiryOutOfRange: (maxDays: number) =>
    domainError("validation_failed", "payment.expiry_out_of_range", `The expiry must be in the future and at most ${maxDays} days away.`, { maxDays }, { expiresAt: ["Out of range."] }),
  refundNotWaiting: (status: string) => domainError("conflict", "payment.refund_not_waiting", "This refund is not waiting for a decision.", { status }),
  refundTooLarge: (refundable: number) =>
    domainError("conflict", "payment.refund_too_large", "A refund cannot be more than what was captured and not yet refunded (including refunds waiting for approval).", { refundable }),
  providerUnavailable: (provider: string) =>
    domainError("validation_failed", "payment.provider_unavailable", `The payment provider ${provider} is not configured here.`, { provider }, { provider: ["Not available."] }),
  providerFailed: (message: string) => domainError("upstream_failed", "payment.provider_failed", message),
  badSignature: () => domainError("bad_request", "payment.webhook_bad_signature", "The webhook signature is missing or invalid."),
  badEvent: () => domainError("bad_request", "payment.webhook_bad_event", "The webhook body is not a valid event."),
  tooManyAttempts: (retryAfterSeconds: number) =>
    domainError("rate_limited", "payment.too_many_attempts", "Too many payment attempts. Please wait a moment and try again.", { retryAfterSeconds }),
  notPayable: (status: string) => domainError("conflict", "payment.not_payable", "This payment request can no longer be paid.", { status }),
  conversationResolved: () => domainError("conflict", "payment.conversation_resolved", "This conversation is resolved. Reopen it to request a payment."),
};
