// The ceiling for bench:ingest: a bare node:http server doing the webhook's CPU work (read the
// body, timing-safe HMAC-SHA256 check, JSON.parse) and nothing else — no framework, no storage.
//   node scripts/bench/bare-webhook-server.mjs PORT SECRET
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

const [port, secret] = [Number(process.argv[2] ?? 3290), process.argv[3] ?? "bench-secret"];
createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks);
    const header = String(req.headers["x-hub-signature-256"] ?? "");
    const given = Buffer.from(header.replace(/^sha256=/, ""), "hex");
    const expected = createHmac("sha256", secret).update(raw).digest();
    let status = given.length === expected.length && timingSafeEqual(given, expected) ? 200 : 401;
    if (status === 200) {
      try {
        JSON.parse(raw.toString("utf8"));
      } catch {
        status = 400;
      }
    }
    const body = status === 200 ? '{"ok":true}' : '{"error":{}}';
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": body.length });
    res.end(body);
  });
}).listen(port, "127.0.0.1", () => console.log(`[bare] listening on ${port}`));
process.on("SIGTERM", () => process.exit(0));
