import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptWebhook, MAX_WEBHOOK_BODY_BYTES, type AcceptWebhookDeps } from "./accept-webhook";

export const WEBHOOK_PATH = "/api/webhooks/whatsapp";

export type NodeWebhookHandler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * The webhook POST as a plain node:http handler: the hot path skips Next's router (≈ 1,000
 * requests/s here) and answers from the same storage batcher the route uses. `server.mjs`
 * hands it POSTs to WEBHOOK_PATH; everything else, and `next dev`, still goes through the route.
 */
export function createNodeWebhookHandler(deps: AcceptWebhookDeps & { onStored?: () => void }): NodeWebhookHandler {
  return (req, res) => {
    const send = (status: number, body: string) => {
      if (res.headersSent) return;
      res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
      res.end(body);
    };
    const tooLarge = JSON.stringify({ error: { code: "bad_request", message: "Body too large." } });
    if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
      res.setHeader("Connection", "close");
      send(413, tooLarge);
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on("data", (chunk: Buffer) => {
      if (overflow) return;
      size += chunk.length;
      if (size > MAX_WEBHOOK_BODY_BYTES) {
        overflow = true;
        chunks.length = 0;
        res.setHeader("Connection", "close");
        send(413, tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (overflow) return;
      const signature = req.headers["x-hub-signature-256"];
      void acceptWebhook(Buffer.concat(chunks, size), Array.isArray(signature) ? signature[0] : signature, deps).then((a) => {
        send(a.status, a.body);
        if (a.stored) deps.onStored?.();
      });
    });
  };
}
