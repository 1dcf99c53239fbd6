import { verifySignature } from "./signature";
import type { StoredWebhookEvent } from "./store-webhook";
import { describeError } from "@/lib/errors/app-error";

export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024; // Meta's notifications are a few KB

export type WebhookAnswer = { status: number; body: string; stored: boolean };

export type AcceptWebhookDeps = {
  appSecret: () => string;
  /** Durably stores the raw body (the group-commit batcher in the app). */
  store: (raw: string) => Promise<StoredWebhookEvent>;
  log?: (message: string) => void;
};

const answer = (status: number, code: string, message: string, stored = false): WebhookAnswer => ({
  status,
  body: JSON.stringify({ error: { code, message } }),
  stored,
});
const OK: WebhookAnswer = { status: 200, body: '{"ok":true}', stored: true };

/**
 * The POST contract shared by the Next route and the lean node:http path, so both answer alike:
 * 401 bad signature (nothing stored) · 503 not connected (no app secret) · 413 too large · 400 malformed (stored for inspection) ·
 * 200 stored · 503 when storage failed (Meta retries) — never a 500.
 */
export async function acceptWebhook(raw: Buffer, signature: string | null | undefined, deps: AcceptWebhookDeps): Promise<WebhookAnswer> {
  try {
    if (raw.length > MAX_WEBHOOK_BODY_BYTES) return answer(413, "bad_request", "Body too large.");
    // No app secret (WhatsApp not connected yet): an HMAC with an empty key is anyone's to compute.
    if (!deps.appSecret()) return answer(503, "not_configured", "WhatsApp is not connected to this Sportello yet.");
    if (!verifySignature(raw, signature ?? null, deps.appSecret())) {
      return answer(401, "unauthorized", "Missing or invalid X-Hub-Signature-256.");
    }
    const event = await deps.store(raw.toString("utf8"));
    if (event.status === "malformed") return answer(400, "bad_request", "Body is not a WhatsApp webhook notification.", true);
    return OK;
  } catch (err) {
    (deps.log ?? console.error)(`[whatsapp] could not store webhook: ${describeError(err)}`);
    return answer(503, "internal", "Could not store the notification; please retry.");
  }
}
