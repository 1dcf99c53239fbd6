import "server-only";
import type { Db } from "@/lib/db/types";
import type { Currency } from "./money";
import { paymentErrors } from "./errors";
import { findRowByPayToken, getPublicPaymentView, type PublicPaymentView } from "./queries";
import { judgeCard, SANDBOX_SIGNATURE_HEADER, signSandboxEvent } from "./providers/sandbox";
import { hashPayToken } from "./reference";
import type { SandboxCardInput } from "./schemas";
import { isPayable, type PaymentStatus } from "./state";
import { receiveProviderWebhook, type WebhookResult } from "./webhook";

// The sandbox "acquirer" behind the hosted pay page. It judges the card, then hands its signed
// event to the same webhook receiver a real provider's POST reaches (signature verified, stored
// by event id, state machine under the row lock). It delivers in-process and inside the
// transaction that holds the request locked, so a second tab paying at the same moment waits,
// then finds the request paid and is refused: one capture.

const ATTEMPTS_PER_WINDOW = 10;
const WINDOW_MS = 10 * 60_000;
const g = globalThis as unknown as { __sportelloPayAttempts?: Map<string, number[]> };

/** At most 10 card attempts per link per 10 minutes (per process): card testing stays slow. */
export function takeAttempt(key: string, now: number): void {
  const attempts = (g.__sportelloPayAttempts ??= new Map());
  const recent = (attempts.get(key) ?? []).filter((t: number) => now - t < WINDOW_MS);
  if (recent.length >= ATTEMPTS_PER_WINDOW) throw paymentErrors.tooManyAttempts(Math.ceil((recent[0]! + WINDOW_MS - now) / 1000));
  recent.push(now);
  attempts.set(key, recent);
  if (attempts.size > 10_000) attempts.delete(attempts.keys().next().value!);
}

export type SandboxPayResult = {
  outcome: "paid" | "declined" | "failed";
  failure: { code: string; message: string } | null;
  payment: PublicPaymentView;
  /** For the caller in lib/messages: what settled, so the customer gets a confirmation. */
  webhook: WebhookResult;
};

export async function payWithSandboxCard(db: Db, { token, card, now = new Date() }: { token: string; card: SandboxCardInput; now?: Date }): Promise<SandboxPayResult> {
  takeAttempt(hashPayToken(token), now.getTime());
  const { outcome, failure, webhook } = await db.transaction(async (tx) => {
    const row = await findRowByPayToken(tx, token, { lock: true });
    if (row.provider !== "sandbox") throw paymentErrors.payLinkNotFound();
    if (!isPayable({ status: row.status as PaymentStatus, expiresAt: row.expiresAt }, now)) throw paymentErrors.notPayable(row.status === "pending" ? "expired" : row.status);
    const judged = judgeCard(card, now);
    const base = { paymentRequestId: row.id, providerRef: row.providerRef, amount: row.amountTotal, currency: row.currency as Currency };
    const event =
      judged.kind === "success"
        ? signSandboxEvent({ type: "payment.captured", data: base }, now)
        : signSandboxEvent({ type: judged.kind === "declined" ? "payment.declined" : "payment.failed", data: { ...base, failure: { code: judged.code, message: judged.message } } }, now);
    const webhook = await receiveProviderWebhook(tx, { provider: "sandbox", rawBody: event.body, headers: new Headers({ [SANDBOX_SIGNATURE_HEADER]: event.signature }), now });
    return {
      outcome: judged.kind === "success" ? ("paid" as const) : judged.kind === "declined" ? ("declined" as const) : ("failed" as const),
      failure: judged.kind === "success" ? null : { code: judged.code, message: judged.message },
      webhook,
    };
  });
  return { outcome, failure, payment: await getPublicPaymentView(db, { token, now }), webhook };
}
