import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getWhatsAppConfig } from "@/lib/env";
import { getWebhookBatcher } from "./processor";
import { verifySignature } from "./signature";

const MAX_BODY_BYTES = 1024 * 1024; // Meta's notifications are a few KB

const json = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** GET handshake: echo hub.challenge when the verify token matches, else 403. */
export function verifyWebhookSubscription(params: URLSearchParams): Response {
  try {
    const { verifyToken } = getWhatsAppConfig();
    const challenge = params.get("hub.challenge");
    if (params.get("hub.mode") === "subscribe" && challenge !== null && sameSecret(params.get("hub.verify_token"), verifyToken)) {
      return new Response(challenge, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch (err) {
    console.error("[whatsapp] webhook verification failed:", err instanceof Error ? err.message : err);
    return new Response("Webhook is not configured", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/**
 * POST: verify the signature over the raw bytes, store the body (group commit), answer.
 * 401 bad signature (nothing stored) · 400 malformed body (stored as malformed) · 200 stored ·
 * 503 when it could not be stored (Meta retries), never a 500.
 */
export async function receiveWebhook(req: Request): Promise<{ response: Response; stored: boolean }> {
  try {
    if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
      return { response: json(413, "bad_request", "Body too large."), stored: false };
    }
    const raw = Buffer.from(await req.arrayBuffer());
    const { appSecret } = getWhatsAppConfig();
    if (!verifySignature(raw, req.headers.get("x-hub-signature-256"), appSecret)) {
      return { response: json(401, "unauthorized", "Missing or invalid X-Hub-Signature-256."), stored: false };
    }
    if (raw.length > MAX_BODY_BYTES) return { response: json(413, "bad_request", "Body too large."), stored: false };
    const event = await getWebhookBatcher().enqueue(raw.toString("utf8"));
    if (event.status === "malformed") {
      return { response: json(400, "bad_request", "Body is not a WhatsApp webhook notification."), stored: true };
    }
    return { response: Response.json({ ok: true }, { status: 200 }), stored: true };
  } catch (err) {
    console.error("[whatsapp] could not store webhook:", err instanceof Error ? err.message : err);
    return { response: json(503, "internal", "Could not store the notification; please retry."), stored: false };
  }
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
