import type { Currency } from "../money";

// A payment provider (the business's acquirer) behind one interface: the domain never knows
// which one it talks to. Results reach the domain only as verified webhook events, so a
// provider's success path and the sandbox's are the same code.

export type CheckoutInput = {
  paymentRequestId: string;
  reference: string;
  currency: Currency;
  amountTotal: number;
  description: string;
  expiresAt: Date;
  /** Where the provider sends the customer back (the pay page). */
  returnUrl: string;
};

/** `hosted`: our own /pay page collects the card (the sandbox); otherwise the customer is redirected. */
export type CheckoutResult = { providerRef: string } & ({ hosted: true } | { hosted: false; redirectUrl: string });

export type RefundResult = { status: "succeeded" | "pending"; providerRef: string };

/** A verified provider event, normalised. `paymentRequestId` / `providerRef` find the request. */
export type ProviderEvent = {
  eventId: string;
  /** `other`: a type we do not act on (stored and ignored). */
  type: "payment.captured" | "payment.declined" | "payment.failed" | "payment.expired" | "refund.succeeded" | "other";
  paymentRequestId?: string;
  /** The checkout's id at the provider (finds the request). */
  providerRef?: string;
  /** The captured payment's id (a Stripe PaymentIntent): recorded on capture, finds the request for refunds. */
  paymentRef?: string;
  /** The refund's id at the provider, so a refund we started is not applied twice. */
  refundRef?: string;
  amount?: number;
  currency?: string;
  /** When the provider charged / declined: a charge at or before expires_at wins over the expiry. */
  occurredAt: Date;
  failure?: { code: string; message: string };
  payload: Record<string, unknown>;
};

export interface PaymentProvider {
  readonly name: string;
  createCheckout(input: CheckoutInput): Promise<CheckoutResult>;
  refund(input: { providerRef: string | null; paymentRef: string | null; amount: number; currency: Currency; refundId: string }): Promise<RefundResult>;
  /** Verifies the signature (throws paymentErrors.badSignature) and returns the events of the body. */
  parseWebhook(rawBody: string, headers: Headers, now?: Date): ProviderEvent[];
}
