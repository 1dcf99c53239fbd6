import "server-only";
import Stripe from "stripe";
import type { StripeConfig } from "@/lib/env";
import { paymentErrors } from "../errors";
import type { PaymentProvider, ProviderEvent } from "./types";

// Stripe through its official SDK: a Checkout Session per request (the customer is redirected
// from the pay page), refunds on the PaymentIntent, and webhooks verified by the SDK
// (`Stripe-Signature`). The API host is configurable so tests run against a small local fake.
//
// Amounts: Stripe takes the currency's minor unit as we store it (zero-decimal currencies such
// as JPY as whole yen; three-decimal ones in fils, where Stripe wants the last digit 0).

const MIN_SESSION_S = 30 * 60 + 60;
const MAX_SESSION_S = 24 * 60 * 60 - 60;

export function stripeClient(cfg: StripeConfig): Stripe {
  const url = cfg.apiUrl ? new URL(cfg.apiUrl) : null;
  return new Stripe(cfg.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(url ? { host: url.hostname, port: url.port || (url.protocol === "http:" ? 80 : 443), protocol: url.protocol === "http:" ? "http" : "https" } : {}),
  });
}

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);
const idOf = (v: unknown) => str(v) ?? str((v as Obj | null)?.id);

/** A verified Stripe event as the domain's normalised events. */
export function toProviderEvents(event: Stripe.Event): ProviderEvent[] {
  const o = event.data.object as unknown as Obj;
  const base = { eventId: event.id, occurredAt: new Date(event.created * 1000), payload: event as unknown as Obj };
  const meta = (o.metadata ?? {}) as Obj;
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      if (o.payment_status !== "paid") return [{ ...base, type: "other" }];
      return [
        {
          ...base,
          type: "payment.captured",
          paymentRequestId: str(meta.paymentRequestId) ?? str(o.client_reference_id),
          providerRef: str(o.id),
          paymentRef: idOf(o.payment_intent),
          amount: typeof o.amount_total === "number" ? o.amount_total : undefined,
          currency: str(o.currency)?.toUpperCase(),
        },
      ];
    }
    case "checkout.session.async_payment_failed":
      return [{ ...base, type: "payment.failed", paymentRequestId: str(meta.paymentRequestId) ?? str(o.client_reference_id), providerRef: str(o.id), failure: { code: "payment_failed", message: "The payment did not go through." } }];
    case "checkout.session.expired":
      return [{ ...base, type: "payment.expired", paymentRequestId: str(meta.paymentRequestId) ?? str(o.client_reference_id), providerRef: str(o.id) }];
    case "charge.refunded": {
      // One event per refund on the charge: the newest refund is the one this event is about.
      const refunds = ((o.refunds as Obj | undefined)?.data ?? []) as Obj[];
      const latest = refunds[0];
      return [
        {
          ...base,
          type: "refund.succeeded",
          paymentRequestId: str(meta.paymentRequestId),
          paymentRef: idOf(o.payment_intent),
          refundRef: str(latest?.id),
          amount: typeof latest?.amount === "number" ? latest.amount : undefined,
          currency: str(o.currency)?.toUpperCase(),
        },
      ];
    }
    default:
      return [{ ...base, type: "other" }];
  }
}

export function createStripeProvider(cfg: StripeConfig, client: Stripe = stripeClient(cfg)): PaymentProvider {
  return {
    name: "stripe",
    async createCheckout(input) {
      const now = Math.floor(Date.now() / 1000);
      const expiresAt = Math.min(Math.max(Math.floor(input.expiresAt.getTime() / 1000), now + MIN_SESSION_S), now + MAX_SESSION_S);
      const metadata = { paymentRequestId: input.paymentRequestId, reference: input.reference };
      try {
        const session = await client.checkout.sessions.create(
          {
            mode: "payment",
            client_reference_id: input.paymentRequestId,
            metadata,
            payment_intent_data: { metadata, description: input.description.slice(0, 1000) },
            line_items: [{ quantity: 1, price_data: { currency: input.currency.toLowerCase(), unit_amount: input.amountTotal, product_data: { name: input.description.slice(0, 250) } } }],
            expires_at: expiresAt,
            success_url: `${input.returnUrl}?checkout=success`,
            cancel_url: input.returnUrl,
          },
          { idempotencyKey: `checkout-${input.paymentRequestId}` },
        );
        if (!session.url) throw new Error("Stripe returned a Checkout Session without a URL.");
        return { hosted: false, redirectUrl: session.url, providerRef: session.id };
      } catch (err) {
        throw paymentErrors.providerFailed(`Stripe could not create the checkout: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    async refund({ paymentRef, amount, refundId }) {
      if (!paymentRef) throw paymentErrors.providerFailed("Stripe has no captured payment for this request.");
      try {
        const refund = await client.refunds.create({ payment_intent: paymentRef, amount, metadata: { refundId } }, { idempotencyKey: `refund-${refundId}` });
        return { status: refund.status === "succeeded" ? "succeeded" : "pending", providerRef: refund.id };
      } catch (err) {
        throw paymentErrors.providerFailed(`Stripe could not refund: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
    parseWebhook(rawBody, headers, now = new Date()) {
      const signature = headers.get("stripe-signature");
      if (!signature) throw paymentErrors.badSignature();
      let event: Stripe.Event;
      try {
        event = client.webhooks.constructEvent(rawBody, signature, cfg.webhookSecret, 300, undefined, now.getTime());
      } catch {
        throw paymentErrors.badSignature();
      }
      return toProviderEvents(event);
    },
  };
}
