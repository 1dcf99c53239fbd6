// A stand-alone fake WhatsApp Cloud API on node:http (`npm run fake:whatsapp`).
//   FAKE_WHATSAPP_PORT         port to listen on (default 4010)
//   FAKE_WHATSAPP_WEBHOOK_URL  where signed webhooks go (default http://localhost:3000/api/webhooks/whatsapp)
//   WHATSAPP_APP_SECRET, WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_ACCESS_TOKEN: as the app uses them
// Point the app at it with WHATSAPP_GRAPH_URL=http://localhost:4010.
import http from "node:http";
import { getWhatsAppConfig } from "../lib/env";
import { createFakeGraph } from "@/lib/fake-whatsapp";
import { NetworkFault } from "@/lib/fake-whatsapp/engine";

const port = Number(process.env.FAKE_WHATSAPP_PORT ?? 4010);
const webhookUrl = process.env.FAKE_WHATSAPP_WEBHOOK_URL ?? "http://localhost:3000/api/webhooks/whatsapp";
const cfg = getWhatsAppConfig();

const fake = createFakeGraph({
  appSecret: cfg.appSecret,
  phoneNumberId: cfg.phoneNumberId,
  webhookUrl,
  // A real token configured in the app must be the one presented; in demo mode any token passes.
  ...(cfg.demo ? {} : { accessToken: cfg.accessToken }),
});

const MAX_BODY = 20 * 1024 * 1024;

const server = http.createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) {
        res.writeHead(413).end();
        return;
      }
      chunks.push(chunk as Buffer);
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const method = req.method ?? "GET";
    const request = new Request(`http://${req.headers.host ?? `localhost:${port}`}${req.url ?? "/"}`, {
      method,
      headers,
      ...(method === "GET" || method === "HEAD" ? {} : { body: Buffer.concat(chunks) }),
    });
    const response = await fake.handle(request);
    res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (err) {
    if (err instanceof NetworkFault) {
      // "network": the request never arrived → 503. "drop_response": accepted, then the line drops.
      if (err.errno === "ECONNREFUSED") res.writeHead(503, { "Content-Type": "application/json" }).end('{"error":{"message":"Service temporarily unavailable","type":"OAuthException","code":2}}');
      else req.socket.destroy();
      return;
    }
    console.error("[fake-whatsapp]", err);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json" });
    res.end('{"error":{"message":"An unknown error occurred","type":"OAuthException","code":1}}');
  }
});

server.listen(port, () => {
  console.log(`[fake-whatsapp] Graph API on http://localhost:${port} (phone_number_id ${cfg.phoneNumberId}); webhooks → ${webhookUrl}`);
  console.log(`[fake-whatsapp] customer: POST /_fake/customers/{wa_id}/messages {"profileName":"Giulia","text":"Ciao"} · faults: POST /_fake/faults {"code":130429,"times":3}`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    fake.close();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
