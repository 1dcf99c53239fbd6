import { sandboxProvider } from "./sandbox";
import type { PaymentProvider } from "./types";

// The providers this deployment offers. The sandbox is always there (demos, tests); a real
// acquirer joins the list when its configuration is present.
const PROVIDERS: Record<string, PaymentProvider> = { sandbox: sandboxProvider };

export const DEFAULT_PROVIDER = "sandbox";

export function getProvider(name: string): PaymentProvider | null {
  return Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name]! : null;
}
