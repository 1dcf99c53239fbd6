import "server-only";
import { getStripeConfig } from "@/lib/env";
import { sandboxProvider } from "./sandbox";
import { createStripeProvider } from "./stripe";
import type { PaymentProvider } from "./types";

// The providers this deployment offers. The sandbox is always there (demos, tests); Stripe joins
// when STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are set, and is simply not offered otherwise.

export const DEFAULT_PROVIDER = "sandbox";
export const PROVIDER_NAMES = ["sandbox", "stripe"] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

const g = globalThis as unknown as { __sportelloStripe?: { key: string; provider: PaymentProvider } };

export function getProvider(name: string): PaymentProvider | null {
  if (name === "sandbox") return sandboxProvider;
  if (name === "stripe") {
    const cfg = getStripeConfig();
    if (!cfg) return null;
    const key = `${cfg.secretKey}|${cfg.apiUrl}`;
    if (g.__sportelloStripe?.key !== key) g.__sportelloStripe = { key, provider: createStripeProvider(cfg) };
    return g.__sportelloStripe.provider;
  }
  return null;
}

/** What the composer may offer. */
export function offeredProviders(): ProviderName[] {
  return PROVIDER_NAMES.filter((n) => getProvider(n) !== null);
}
