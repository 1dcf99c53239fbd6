// Production server: Next.js behind a plain node:http listener. POSTs to the WhatsApp webhook take
// a lean path (signature check + group-commit store, ≈ 10× the requests/s of a route handler on this
// machine; see BENCHMARKS.md), and so do four inbox reads (lib/http/read-route.ts); every other
// request is Next's. The lean handler itself is built by
// instrumentation.ts inside Next's bundle, so it shares the database and batcher with the routes.
//   node server.mjs [--port 3000] [--hostname 0.0.0.0]        (PORT / HOSTNAME work too)
//   node server.mjs --role web|worker   (SPORTELLO_ROLE; PostgreSQL only): `web` answers and stores
//   webhooks, `worker` serves no HTTP and processes them (and runs jobs); the default does both.
import { createServer } from "node:http";
import { parseArgs } from "node:util";

process.env.NODE_ENV = "production";
const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" }, role: { type: "string" } } });
if (values.role) process.env.SPORTELLO_ROLE = values.role; // read by lib/env.ts, validated there
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname ?? process.env.HOSTNAME ?? "0.0.0.0";
const WEBHOOK_PATH = "/api/webhooks/whatsapp";
// For the benches only: serve everything through Next's routes, to measure what the lean paths save.
const viaNext = process.env.SPORTELLO_VIA_NEXT === "1";

const { default: next } = await import("next");
const app = next({ dev: false, hostname, port, dir: import.meta.dirname });
const handle = app.getRequestHandler();
await app.prepare(); // runs instrumentation.ts, which registers the hot path

if (process.env.SPORTELLO_ROLE === "worker") runWorker();
else serveHttp();

function runWorker() {
  // Background work only: instrumentation.ts started the webhook processor and pg-boss.
  console.log("[sportello] worker ready: processing webhooks and background jobs (no HTTP)");
  const keepAlive = setInterval(() => {}, 1 << 30);
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      clearInterval(keepAlive);
      // Jobs in hand get pg-boss's 10 s graceful stop; a drain cut short rolls back (its events
      // stay pending for the next worker).
      setTimeout(() => process.exit(0), 12_000).unref();
      void Promise.resolve(globalThis.__sportelloStopBackground?.())
        .catch((err) => console.error("[sportello] stopping background work:", err))
        .finally(() => void app.close().finally(() => process.exit(0)));
    });
  }
}

function serveHttp() {
  const server = createServer((req, res) => {
    // The socket's address, for sign-in throttling (lib/auth/client-ip.ts); never what a client sent.
    req.headers["x-sportello-peer"] = req.socket.remoteAddress ?? "";
    if (req.method === "POST" && (req.url === WEBHOOK_PATH || req.url?.startsWith(`${WEBHOOK_PATH}?`))) {
      const hot = viaNext ? undefined : globalThis.__sportelloHotPaths?.webhookPost;
      if (hot) return hot(req, res);
    }
    // The inbox's hottest reads (lib/http/read-route.ts says which and why); false: Next serves it.
    if (req.method === "GET" && !viaNext && globalThis.__sportelloHotPaths?.apiGet?.(req, res)) return;
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000; // longer than common proxies' idle timeouts
  server.listen(port, hostname, () => {
    console.log(`[sportello] ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}`);
  });

  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      // SSE streams close on the same signal (lib/realtime/streams.ts); give in-flight requests 5 s.
      setTimeout(() => process.exit(0), 5_000).unref();
      server.close(() => void app.close().finally(() => process.exit(0)));
      server.closeIdleConnections();
    });
  }
}
