import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getPaymentSecrets } from "@/lib/env";
import { paymentErrors } from "../errors";
import type { Currency } from "../money";
import type { PaymentProvider, ProviderEvent } from "./types";

// The built-in sandbox acquirer: for demos and tests. Cards are judged by number (Stripe's test
// numbers), and every outcome is delivered as a signed webhook event through the same path a
// real provider's events take (lib/payments/webhook.ts), so nothing is settled by a shortcut.

export const SANDBOX_SIGNATURE_HEADER = "sandbox-signature";
/** A signed event older than this is refused (replay of a captured request). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type CardOutcome =
  | { kind: "success" }
  | { kind: "declined"; code: "card_declined" | "expired_card" | "incorrect_number"; message: string }
  | { kind: "processing_error"; code: "processing_error"; message: string };

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** What the sandbox does with a card: 4242… succeeds, 4000…0002 is declined, 4000…0119 errors. */
export function judgeCard(card: { cardNumber: string; expiry: string }, now: Date): CardOutcome {
  const number = card.cardNumber.replace(/\D/g, "");
  if (!luhn(number)) return { kind: "declined", code: "incorrect_number", message: "The card number is incorrect." };
  const [mm, yy] = card.expiry.split("/").map((s) => s.trim());
  const year = yy!.length === 2 ? 2000 + Number(yy) : Number(yy);
  // A card is valid through the last day of its expiry month.
  if (Date.UTC(year, Number(mm), 1) <= now.getTime()) return { kind: "declined", code: "expired_card", message: "The card has expired." };
  if (number === "4000000000000002") return { kind: "declined", code: "card_declined", message: "The card was declined." };
  if (number === "4000000000000119") return { kind: "processing_error", code: "processing_error", message: "An error occurred while processing the card. Try again later." };
  if (number === "4242424242424242") return { kind: "success" };
  return { kind: "declined", code: "card_declined", message: "The card was declined." };
}

export type SandboxEventBody = {
  id: string;
  type: ProviderEvent["type"];
  created: number;
  data: { paymentRequestId: string; providerRef: string | null; amount?: number; currency?: Currency; failure?: { code: string; message: string } };
};

function sign(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The event and its `Sandbox-Signature: t=…,v1=…` header, as the sandbox "acquirer" sends them. */
export function signSandboxEvent(event: Omit<SandboxEventBody, "id" | "created">, now = new Date(), secret = getPaymentSecrets().sandboxWebhookSecret): { body: string; signature: string } {
  const created = Math.floor(now.getTime() / 1000);
  const body = JSON.stringify({ id: `evt_sbx_${randomBytes(12).toString("hex")}`, created, ...event });
  return { body, signature: `t=${created},v1=${sign(secret, created, body)}` };
}

function verify(rawBody: string, header: string | null, now: Date, secret: string): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || !/^[0-9a-f]{64}$/.test(parts.v1)) return false;
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(sign(secret, t, rawBody), "hex");
  return timingSafeEqual(expected, Buffer.from(parts.v1, "hex"));
}

const TYPES = new Set<ProviderEvent["type"]>(["payment.captured", "payment.declined", "payment.failed", "payment.expired", "refund.succeeded"]);

export const sandboxProvider: PaymentProvider = {
  name: "sandbox",
  async createCheckout() {
    return { hosted: true, providerRef: `sbx_pi_${randomBytes(12).toString("hex")}` };
  },
  async refund() {
    return { status: "succeeded", providerRef: `sbx_re_${randomBytes(12).toString("hex")}` };
  },
  parseWebhook(rawBody, headers, now = new Date()) {
    if (!verify(rawBody, headers.get(SANDBOX_SIGNATURE_HEADER), now, getPaymentSecrets().sandboxWebhookSecret)) throw paymentErrors.badSignature();
    let e: SandboxEventBody;
    try {
      e = JSON.parse(rawBody) as SandboxEventBody;
    } catch {
      throw paymentErrors.badEvent();
    }
    if (typeof e?.id !== "string" || !TYPES.has(e.type) || typeof e.created !== "number" || typeof e.data?.paymentRequestId !== "string") throw paymentErrors.badEvent();
    return [
      {
        eventId: e.id,
        type: e.type,
        paymentRequestId: e.data.paymentRequestId,
        providerRef: e.data.providerRef ?? undefined,
        amount: e.data.amount,
        currency: e.data.currency,
        occurredAt: new Date(e.created * 1000),
        failure: e.data.failure,
        payload: e as unknown as Record<string, unknown>,
      },
    ];
  },
};
