import "server-only";
import { describeError } from "@/lib/errors/app-error";
import { createHash, timingSafeEqual } from "node:crypto";
import { getWhatsAppConfig } from "@/lib/env";
import { acceptWebhook, MAX_WEBHOOK_BODY_BYTES, type AcceptWebhookDeps } from "@/lib/whatsapp/accept-webhook";
import { afterWebhookStored, getWebhookBatcher } from "@/lib/ingest/processor";
import { createNodeWebhookHandler, type NodeWebhookHandler } from "@/lib/whatsapp/webhook-node";

const json = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** GET handshake: echo hub.challenge when the verify token matches, else 403. */
export function verifyWebhookSubscription(params: URLSearchParams): Response {
  try {
    const { verifyToken } = getWhatsAppConfig();
    if (!verifyToken) return new Response("Webhook is not configured", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    const challenge = params.get("hub.challenge");
    if (params.get("hub.mode") === "subscribe" && challenge !== null && sameSecret(params.get("hub.verify_token"), verifyToken)) {
      return new Response(challenge, { status: 200, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    return new Response("Forbidden", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  } catch (err) {
    console.error("[whatsapp] webhook verification failed:", describeError(err));
    return new Response("Webhook is not configured", { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

/** POST through the Next route (used by `next dev`; `server.mjs` serves it on the lean path). */
export async function receiveWebhook(req: Request): Promise<{ response: Response; stored: boolean }> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
    return { response: json(413, "bad_request", "Body too large."), stored: false };
  }
  let raw: Buffer;
  try {
    raw = Buffer.from(await req.arrayBuffer());
  } catch {
    return { response: json(400, "bad_request", "Could not read the request body."), stored: false };
  }
  const a = await acceptWebhook(raw, req.headers.get("x-hub-signature-256"), webhookDeps());
  return { response: new Response(a.body, { status: a.status, headers: { "Content-Type": "application/json" } }), stored: a.stored };
}

/** What both the route and the lean path store through: the process-wide batcher. */
export function webhookDeps(): AcceptWebhookDeps {
  return {
    appSecret: () => getWhatsAppConfig().appSecret,
    store: (raw) => getWebhookBatcher().enqueue(raw),
  };
}

/** The lean node:http handler `server.mjs` serves POSTs with; processing follows each store. */
export function createAppNodeWebhookHandler(): NodeWebhookHandler {
  return createNodeWebhookHandler({ ...webhookDeps(), onStored: afterWebhookStored });
}

function sameSecret(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
