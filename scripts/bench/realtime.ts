// npm run bench:realtime — a reply typed in one window: how soon a colleague sees it, and how many
// requests it costs the server with N tabs open. Loopback only, bounded, stops by itself.
//
// The production server (`node server.mjs`) on a fresh, seeded database, behind a counting proxy
// (scripts/bench/realtime-proxy.ts) that every client goes through. N headless tabs (realtime-tabs.ts:
// the app's own query client and event handling, signed in as the demo users) watch the same
// conversation as two real Chromium windows (realtime-windows.ts); window 1 replies through the
// composer, window 2 stamps the moment the text is in its log. Per message: send → visible, and
// every request the clients made until the reply's trailing events (sent, delivered) have settled.
//
//   --messages N   measured replies per phase (default 20)     --clients 50,200   tabs per phase
//   --only a,b     pglite,postgres (default both)              --label NAME       the row's name in BENCHMARKS.md
//   --skip-build   reuse .next (default: rebuild, the server under test is the production build)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { diffTally, startCountingProxy, type CountingProxy } from "./realtime-proxy";
import { HeadlessTab, signIn } from "./realtime-tabs";
import { openWindows } from "./realtime-windows";
import { renderRealtimeSection, type PhaseResult } from "./realtime-report";
import { cpuSeconds, sleep, waitForHttp } from "./process-tools";

type Env = Record<string, string | undefined>;
const ROOT = path.resolve(import.meta.dirname, "../..");
const SECRET = "bench-app-secret";
const PASSWORD = "sportello-demo";
const USERS = ["admin", "marco", "elena", "giulia", "luca", "sara", "paolo", "chiara"].map((u) => `${u}@voloazzurro.it`);
const SERVER_PORT = 3392;
const PROXY_PORT = 3393;
const PG_PORT = "55461";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "20" },
    clients: { type: "string", default: "50,200" },
    only: { type: "string", default: "pglite,postgres" },
    label: { type: "string", default: "this build" },
    "skip-build": { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
  },
});
const MESSAGES = Math.min(100, Math.max(3, Number(args.messages)));
const CLIENTS = args.clients.split(",").map((n) => Math.min(500, Math.max(1, Number(n))));
const ONLY = new Set(args.only.split(","));
const WARMUP = 3;
const VISIBLE_TIMEOUT_MS = 15_000;
const SETTLE_MIN_MS = 1_500; // the fake WhatsApp reports `sent` ≈ 150 ms and `delivered` ≈ 750 ms after accepting
const SETTLE_QUIET_MS = 400;
const SETTLE_MAX_MS = 20_000;

const children = new Set<ChildProcess>();
const cleanups: (() => void)[] = [];
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
  for (const f of cleanups.splice(0)) f();
});
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => process.exit(130));
setTimeout(() => {
  console.error("[bench] gave up after 45 minutes");
  process.exit(1);
}, 45 * 60_000).unref();


function appEnv(db: { DATABASE_URL: string } | { PGLITE_DIR: string }): Env {
  const proxy = `http://127.0.0.1:${PROXY_PORT}`;
  return {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: "bench-only-secret-0123456789abcdefghijklmnop",
    // 200 tabs signed in as the 8 demo users are 25 each; a person's limit (12) is for people.
    LIVE_STREAMS_PER_USER: "64",
    // Browsers sign in through the proxy; the fake WhatsApp posts its statuses straight to the app.
    NEXTAUTH_URL: proxy,
    APP_URL: `http://127.0.0.1:${SERVER_PORT}`,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: "bench-verify",
    WHATSAPP_ACCESS_TOKEN: "",
    SPORTELLO_DEMO: "1", // sends go to the in-process fake, which reports `sent` and `delivered`
    MEDIA_DIR: path.join(os.tmpdir(), `sportello-bench-rt-media-${process.pid}`),
    ...("DATABASE_URL" in db ? { DATABASE_URL: db.DATABASE_URL } : { PGLITE_DIR: db.PGLITE_DIR, DATABASE_URL: "" }),
  };
}


/** A customer writes (a signed webhook, as Meta sends it), so the reply window is open. */
async function customerWrites(serverUrl: string, waId: string, name: string) {
  const body = JSON.stringify({
    object: "whatsapp_business_account",
    entry: [{ id: "102290129340398", changes: [{ field: "messages", value: {
      messaging_product: "whatsapp",
      metadata: { display_phone_number: "390688880000", phone_number_id: "106540352242922" },
      contacts: [{ profile: { name }, wa_id: waId }],
      messages: [{ from: waId, id: `wamid.BENCHRT${Date.now()}`, timestamp: String(Math.floor(Date.now() / 1000)), type: "text", text: { body: "Buongiorno, il mio volo di domani è confermato?" } }],
    } }] }],
  });
  const sig = createHmac("sha256", SECRET).update(body).digest("hex");
  const res = await fetch(`${serverUrl}/api/webhooks/whatsapp`, { method: "POST", body, headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${sig}` } });
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
}

async function findConversation(baseUrl: string, cookie: string, name: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const res = await fetch(`${baseUrl}/api/conversations?view=all&limit=100`, { headers: { cookie, "x-bench-client": "setup" } });
    const page = (await res.json()) as { items: { id: string; contact: { name: string } }[] };
    const hit = page.items.find((c) => c.contact.name === name);
    if (hit) return hit.id;
    await sleep(100);
  }
  throw new Error(`the bench customer's conversation did not appear`);
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};

async function runPhase(ctx: { proxy: CountingProxy; serverPid: number; cookies: string[]; conversationId: string; windows: Awaited<ReturnType<typeof openWindows>> }, database: string, n: number): Promise<PhaseResult> {
  const { proxy, windows } = ctx;
  console.log(`[bench] ${database}: opening ${n} tabs`);
  const tabs = Array.from({ length: n }, (_, i) => new HeadlessTab(proxy.url, ctx.cookies[i % ctx.cookies.length]!, ctx.conversationId));
  try {
    for (let i = 0; i < tabs.length; i += 25) await Promise.all(tabs.slice(i, i + 25).map((t) => t.load()));
    await Promise.all(tabs.map((t) => t.connect()));
    const run = Math.random().toString(36).slice(2, 7);
    const settle = async (since: number) => {
      while (performance.now() - since < SETTLE_MAX_MS) {
        await sleep(50);
        if (performance.now() - since >= SETTLE_MIN_MS && proxy.quietFor() >= SETTLE_QUIET_MS) return true;
      }
      return false;
    };
    for (let i = 0; i < WARMUP; i++) {
      const t0 = performance.now();
      await windows.send(`warm-up ${run} ${i}`, VISIBLE_TIMEOUT_MS);
      await settle(t0);
    }
    proxy.drainPaths();
    const load0 = os.loadavg()[0]!;
    const cpu0 = cpuSeconds(ctx.serverPid);
    const latencies: number[] = [];
    const eventLatencies: number[] = [];
    const perMessage: { tabs: number; windows: number }[] = [];
    let timeouts = 0;
    let unsettled = 0;
    console.log(`[bench] ${database}: ${n} tabs, ${MESSAGES} replies`);
    for (let i = 0; i < MESSAGES; i++) {
      const before = proxy.snapshot();
      const t0 = performance.now();
      const ms = await windows.send(`bench ${run} reply ${i}: il volo è confermato, buon viaggio!`, VISIBLE_TIMEOUT_MS);
      if (ms === null) timeouts++;
      else latencies.push(ms.visible);
      if (ms?.event != null) eventLatencies.push(ms.event);
      if (!(await settle(t0))) unsettled++;
      const d = diffTally(before, proxy.snapshot());
      perMessage.push({ tabs: d.get("tabs") ?? 0, windows: (d.get("w1") ?? 0) + (d.get("w2") ?? 0) });
    }
    const cpu = cpuSeconds(ctx.serverPid) - cpu0;
    const load1 = os.loadavg()[0]!;
    if (args.verbose) console.log("[bench] paths:", Object.fromEntries([...proxy.drainPaths()].sort((a, b) => b[1] - a[1])));
    const sum = (f: (m: { tabs: number; windows: number }) => number) => perMessage.reduce((s, m) => s + f(m), 0);
    const frames = tabs.reduce((s, t) => s + t.stats.frames, 0);
    const bytes = tabs.reduce((s, t) => s + t.stats.bytes, 0);
    const result: PhaseResult = {
      label: args.label,
      database,
      tabs: n,
      messages: MESSAGES,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: Math.max(...latencies),
      timeouts,
      unsettled,
      requestsPerMessage: (sum((m) => m.tabs) + sum((m) => m.windows)) / MESSAGES,
      tabRequestsPerMessage: sum((m) => m.tabs) / MESSAGES,
      windowRequestsPerMessage: sum((m) => m.windows) / MESSAGES,
      serverCpuMsPerMessage: (cpu * 1000) / MESSAGES,
      eventBytesPerTabPerMessage: bytes / n / (MESSAGES + WARMUP),
      framesPerTabPerMessage: frames / n / (MESSAGES + WARMUP),
      load: [load0, load1],
      heals: tabs.reduce((s, t) => s + t.stats.heals, 0),
      eventP50: percentile(eventLatencies, 50),
      eventP95: percentile(eventLatencies, 95),
    };
    if (args.verbose) console.log(`[bench] send → visible, each: ${latencies.join(" ")}; send → event in window 2: ${eventLatencies.join(" ")}`);
    console.log(`[bench] ${database}, ${n} tabs:`, JSON.stringify(result));
    return result;
  } finally {
    for (const t of tabs) t.close();
    await sleep(500);
  }
}

async function benchTarget(database: string, db: { DATABASE_URL: string } | { PGLITE_DIR: string }): Promise<PhaseResult[]> {
  const env = { ...process.env, ...appEnv(db) };
  console.log(`[bench] ${database}: migrate + seed`);
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--reset"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  const server = spawn(process.execPath, ["server.mjs", "--port", String(SERVER_PORT), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  children.add(server);
  server.on("exit", () => children.delete(server));
  const proxy = await startCountingProxy({ port: PROXY_PORT, target: { host: "127.0.0.1", port: SERVER_PORT } });
  try {
    await waitForHttp(`http://127.0.0.1:${SERVER_PORT}/login`, server);
    const cookies: string[] = [];
    for (const u of USERS) cookies.push(await signIn(proxy.url, u, PASSWORD));
    const name = `Bench ${Math.random().toString(36).slice(2, 6)} Rossi`;
    await customerWrites(`http://127.0.0.1:${SERVER_PORT}`, `3934${Math.floor(1e7 + Math.random() * 8e7)}`, name);
    const conversationId = await findConversation(proxy.url, cookies[0]!, name);
    console.log(`[bench] ${database}: two Chromium windows on conversation ${conversationId}`);
    const windows = await openWindows({ baseUrl: proxy.url, conversationId, users: [USERS[3]!, USERS[4]!], password: PASSWORD });
    try {
      const results: PhaseResult[] = [];
      for (const n of CLIENTS) results.push(await runPhase({ proxy, serverPid: server.pid!, cookies, conversationId, windows }, database, n));
      return results;
    } finally {
      await windows.close();
    }
  } finally {
    await proxy.close();
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000).then(() => server.kill("SIGKILL"))]);
  }
}

async function main() {
  const started = Date.now();
  if (!args["skip-build"] || !existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("[bench] next build (the server under test is the production build; --skip-build reuses it)");
    execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  }
  const results: PhaseResult[] = [];
  if (ONLY.has("pglite")) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-rt-pglite-"));
    try {
      results.push(...(await benchTarget("PGlite", { PGLITE_DIR: dir })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (ONLY.has("postgres")) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-rt-pg-"));
    const url = execFileSync("bash", ["scripts/pg-throwaway.sh", "start", dir, PG_PORT], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    const stopPg = () => execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", dir], { cwd: ROOT, stdio: "ignore" });
    cleanups.push(stopPg);
    try {
      results.push(...(await benchTarget("PostgreSQL 15", { DATABASE_URL: url })));
    } finally {
      cleanups.splice(cleanups.indexOf(stopPg), 1);
      stopPg();
    }
  }
  const table = renderRealtimeSection(results, { messages: MESSAGES, seconds: (Date.now() - started) / 1000 });
  console.log(`\n${table}`);
  console.log(`[bench] written to BENCHMARKS.md in ${Math.round((Date.now() - started) / 1000)} s`);
}

await main();
process.exit(0);
