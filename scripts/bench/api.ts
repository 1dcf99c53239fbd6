// The inbox's API at scale (issue 14): every list view, the counts, search, a thread and its next
// page, the conversation detail, a reply, the reports and the payments list, each hammered by
// autocannon over loopback with 8 connections, bounded in count and time; p50/p95/p99 from every
// response's own time. Against the production build (`npx next build` first) started here on a
// PostgreSQL seeded at scale (`npm run seed:scale`), or an already running server (--base-url).
//
//   DATABASE_URL=postgres://… npm run bench:api [-- --seconds 8 --max 3000 --label after --port 3211]
//   npm run bench:api -- --explain          EXPLAIN (ANALYZE, BUFFERS) of each endpoint's queries (scripts/bench/explain.ts)
//   --save FILE / --before FILE             keep this run's figures as JSON / show a saved run beside this one
//   --no-write                              print only, leave BENCHMARKS.md alone
//   --via-next                              serve every request through Next's routes (no lean read path), for a before/after
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { signInCookie, waitForHttp } from "./process-tools";
import { writeBenchmarkSection } from "./report";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LEAD = "marco@voloazzurro.it";
const PASSWORD = "sportello-demo";

const { values: args } = parseArgs({
  options: {
    "base-url": { type: "string" },
    port: { type: "string", default: "3211" },
    seconds: { type: "string", default: "8" },
    max: { type: "string", default: "3000" },
    connections: { type: "string", default: "8" },
    label: { type: "string", default: "this build" },
    only: { type: "string" },
    save: { type: "string" },
    before: { type: "string" },
    explain: { type: "boolean", default: false },
    "no-write": { type: "boolean", default: false },
    "via-next": { type: "boolean", default: false },
    // The issue's stretch: 1M conversations / 10M messages, lists, counts and threads under 50 ms.
    // Written to a section of its own, beside the 100k/1M one.
    stretch: { type: "boolean", default: false },
  },
});

if (args.explain) {
  // lib's query modules import "server-only", which resolves to an empty module only under the
  // react-server condition (as in the app's server bundle).
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(import.meta.dirname, "explain.ts"), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(r.status ?? 1);
}

const started = Date.now();
const children = new Set<ChildProcess>();
process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => process.exit(130));
// Bounded: every endpoint is capped in time and count; the whole run too.
setTimeout(() => {
  console.error("[bench:api] gave up after 15 minutes");
  process.exit(1);
}, 15 * 60_000).unref();

// The server's CPU time (user + system, ms) when we started it: per request, it shows what the app
// itself costs beside the database, which on 2 shared cores is what bounds the latency.
let serverPid: number | null = null;
const TICK_MS = 1000 / 100; // Linux reports /proc/<pid>/stat times in USER_HZ, 100 on every mainstream kernel
function serverCpuMs(): number | null {
  if (serverPid === null) return null;
  try {
    const stat = readFileSync(`/proc/${serverPid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

async function startServer(): Promise<string> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("No production build in .next: run `npx next build` first (or pass --base-url).");
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL seeded with `npm run seed:scale` (or pass --base-url).");
  const baseUrl = `http://127.0.0.1:${args.port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    NEXTAUTH_SECRET: "bench-api-only-secret-0123456789abcdef",
    NEXTAUTH_URL: baseUrl,
    APP_URL: baseUrl,
    // The built-in fake WhatsApp answers the replies' sends.
    SPORTELLO_DEMO: "1",
    WHATSAPP_ACCESS_TOKEN: "",
    PORT: String(args.port),
    ...(args["via-next"] ? { SPORTELLO_VIA_NEXT: "1" } : {}),
  };
  const child = spawn(process.execPath, ["server.mjs", "--port", String(args.port), "--hostname", "127.0.0.1"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  children.add(child);
  serverPid = child.pid ?? null;
  await waitForHttp(`${baseUrl}/login`, child, 60_000);
  return baseUrl;
}


type Kind = "list" | "count" | "thread" | "search" | "report" | "write" | "floor";
const READ_TARGET = args.stretch ? 50 : 30;
const TARGET_MS: Record<Kind, number | null> = { list: READ_TARGET, count: READ_TARGET, thread: READ_TARGET, search: 150, report: 150, write: null, floor: null };
/**
 * `anonymous`: sent without the session cookie; `status`: the answer expected (2xx otherwise);
 * `distinct`: at most one request per path, so no answer can come from a cache (lib/reports/report-cache.ts keeps one 30 s).
 */
type Endpoint = { name: string; kind: Kind; method?: "GET" | "POST"; paths: string[]; body?: () => string; anonymous?: boolean; status?: number; connections?: number; distinct?: boolean };
export type Result = { name: string; kind: Kind; requests: number; rps: number; errors: number; non2xx: number; p50: number; p95: number; p99: number; cpuMsPerRequest: number | null };

const baseUrl = args["base-url"] ?? (await startServer());
const cookie = await signInCookie(baseUrl, LEAD, PASSWORD);
const get = async <T>(p: string): Promise<T> => {
  const res = await fetch(`${baseUrl}${p}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
};

// ---- What to ask for, found through the API itself.
type Item = { id: string; lastInboundAt: string | null; status: string };
type Page = { items: Item[]; nextCursor: string | null };
const all = await get<Page>("/api/conversations?view=all");
const counts = await get<{ teams: Record<string, number>; all: number; status: Record<string, number> }>("/api/conversations/counts");
const resolved1 = await get<Page>("/api/conversations?status=resolved");
if (!resolved1.nextCursor || all.items.length === 0) throw new Error("Not enough data: seed with `npm run seed:scale` first.");
const threads = all.items.slice(0, 20).map((i) => i.id);
// A thread with a second page: the open ones first, then page 1 of the resolved view.
let olderPage: string | null = null;
for (const c of [...all.items, ...resolved1.items]) {
  const m = await get<{ nextCursor: string | null }>(`/api/conversations/${c.id}/messages`);
  if (m.nextCursor) {
    olderPage = `/api/conversations/${c.id}/messages?cursor=${encodeURIComponent(m.nextCursor)}`;
    break;
  }
}
const replyTo = all.items.find((i) => i.lastInboundAt && Date.now() - Date.parse(i.lastInboundAt) < 20 * 3_600_000);
const teamIds = Object.entries(counts.teams).sort((a, b) => b[1] - a[1]).map(([id]) => id);
const today = new Date();
const day = (d: Date) => d.toISOString().slice(0, 10);
const thirtyDays = (back: number) => `/api/reports?from=${day(new Date(today.getTime() - (29 + back) * 86_400_000))}&to=${day(new Date(today.getTime() - back * 86_400_000))}`;
/** 182 distinct 30-day ranges from `first` days back; an endpoint marked `distinct` asks each at most once. */
const shiftedReports = (first: number) => Array.from({ length: 182 }, (_, k) => thirtyDays(first + k));
let replyN = 0;
const runTag = Date.now().toString(36);

const endpoints: Endpoint[] = [
  // The floor: what a request costs before our code reads a row. Every read measured below takes
  // server.mjs's lean read path (lib/http/read-route.ts); /api/me and the reply are Next's.
  { name: "floor: 401, no session (GET /api/conversations, lean read path)", kind: "floor", paths: ["/api/conversations?view=all"], anonymous: true, status: 401 },
  { name: "floor: 401, no session (GET /api/me, through Next)", kind: "floor", paths: ["/api/me"], anonymous: true, status: 401 },
  { name: "floor: /api/health (select 1)", kind: "floor", paths: ["/api/health"], anonymous: true },
  { name: "inbox: all (first page)", kind: "list", paths: ["/api/conversations?view=all"] },
  { name: "inbox: mine", kind: "list", paths: ["/api/conversations?view=mine"] },
  { name: "inbox: unassigned", kind: "list", paths: ["/api/conversations?view=unassigned"] },
  { name: "inbox: resolved, page 2 (keyset)", kind: "list", paths: [`/api/conversations?status=resolved&cursor=${encodeURIComponent(resolved1.nextCursor)}`] },
  ...(teamIds[0] ? [{ name: "inbox: a team's view", kind: "list" as const, paths: teamIds.slice(0, 3).map((t) => `/api/conversations?team=${t}`) }] : []),
  { name: "view counts", kind: "count", paths: ["/api/conversations/counts"] },
  { name: "open a thread (messages)", kind: "thread", paths: threads.map((id) => `/api/conversations/${id}/messages`) },
  ...(olderPage ? [{ name: "thread: next page of messages", kind: "thread" as const, paths: [olderPage] }] : []),
  { name: "conversation detail", kind: "thread", paths: threads.map((id) => `/api/conversations/${id}`) },
  { name: "search: a common word", kind: "search", paths: ["/api/search?q=rimborso"] },
  { name: "search: a customer's name", kind: "search", paths: ["/api/search?q=giovanni%20russo"] },
  { name: "payments list", kind: "list", paths: ["/api/payment-requests"] },
  ...(replyTo
    ? [{ name: "reply (POST)", kind: "write" as const, method: "POST" as const, paths: [`/api/conversations/${replyTo.id}/messages`], body: () => JSON.stringify({ text: `Bench reply ${++replyN}`, clientMessageId: `bench-${runTag}-${replyN}` }) }]
    : []),
  // Last: a slow report still running on the server when its turn ends would slow the next endpoint.
  // Identical report requests share one computation for 30 s (lib/reports/report-cache.ts): eight
  // leads opening the same view is one report. The other rows ask each time for another 30 days
  // (shifted a day at a time over the past year), so nothing is shared: the cost of computing one.
  { name: "reports (30 days), 8 leads, the same view (shared)", kind: "report", paths: [thirtyDays(0)] },
  { name: "reports (30 days), 8 leads, each another 30 days (nothing shared)", kind: "report", paths: shiftedReports(1), distinct: true },
  // What one lead waits for when nothing is shared: eight at once queue on two cores.
  { name: "reports (30 days), one lead at a time (nothing shared)", kind: "report", connections: 1, paths: shiftedReports(183), distinct: true },
];
const chosen = args.only ? endpoints.filter((e) => args.only!.split(",").some((w) => e.name.includes(w))) : endpoints;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function hammer(e: Endpoint): Promise<Result> {
  const times: number[] = [];
  let i = 0;
  let done!: (r: autocannon.Result) => void;
  let failed!: (e: unknown) => void;
  const finished = new Promise<autocannon.Result>((res, rej) => ((done = res), (failed = rej)));
  const instance = autocannon({
    url: baseUrl,
    connections: e.connections ?? Number(args.connections),
    duration: Number(args.seconds),
    // Whichever comes first: the time or the count (autocannon's `amount` would ignore the duration).
    maxOverallRequests: e.distinct ? Math.min(Number(args.max), e.paths.length) : Number(args.max),
    headers: { ...(e.anonymous ? {} : { cookie }), origin: baseUrl, "content-type": "application/json" },
    requests: [
      {
        method: e.method ?? "GET",
        // Round-robin over the endpoint's paths (several threads, several teams).
        setupRequest: (req) => ({ ...req, path: e.paths[i++ % e.paths.length]!, ...(e.body ? { body: e.body() } : {}) }),
      },
    ],
  }, (err, result) => (err ? failed(err) : done(result)));
  let unexpected = 0;
  instance.on("response", (_client, status, _bytes, responseTime) => {
    times.push(responseTime);
    if (e.status !== undefined && status !== e.status) unexpected++;
  });
  const cpuBefore = serverCpuMs();
  const r = await finished;
  // A write's sends run in the server's worker after the last answer: they are its cost, and
  // counted against the next row they would not be.
  if (e.kind === "write") console.error(`[bench:api] (the server settled ${await settle()} ms after the writes)`);
  const cpuAfter = serverCpuMs();
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { name: e.name, kind: e.kind, requests: times.length, rps: Math.round(r.requests.average), errors: r.errors + r.timeouts, non2xx: e.status === undefined ? r.non2xx : unexpected, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), p99: round(percentile(times, 99)), cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && times.length > 0 ? round((cpuAfter - cpuBefore) / times.length) : null };
}

/**
 * Waits until the server has been idle for a second (four 250 ms windows of at most one 10 ms CPU
 * tick each, ~4–8 % of a core), at most 30 s. Returns at once without a server pid (--base-url):
 * then nothing is waited for.
 */
async function settle(): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  while (Date.now() - started < 30_000 && quiet < 4) {
    const a = serverCpuMs();
    await new Promise((r) => setTimeout(r, 250));
    const b = serverCpuMs();
    quiet = a === null || b === null ? 4 : b - a < 12.5 ? quiet + 1 : 0;
  }
  return Date.now() - started;
}

// One short unmeasured pass warms the server's code paths and the database's cache; a `distinct`
// endpoint with ranges it never measures (its own would then be answered from the cache).
const warmPaths = (e: Endpoint) => (e.distinct ? [400, 401, 402].map((back) => thirtyDays(back)) : e.paths.slice(0, 3));
for (const e of chosen) for (const p of warmPaths(e)) await fetch(`${baseUrl}${p}`, { method: e.method ?? "GET", headers: { ...(e.anonymous ? {} : { cookie }), origin: baseUrl, "content-type": "application/json" }, body: e.body?.() });

const results: Result[] = [];
for (const e of chosen) {
  const r = await hammer(e);
  results.push(r);
  console.error(`[bench:api] ${r.name.padEnd(36)} ${String(r.requests).padStart(5)} req · ${String(r.rps).padStart(4)}/s · p50 ${r.p50} · p95 ${r.p95} · p99 ${r.p99} ms · server CPU ${r.cpuMsPerRequest ?? "—"} ms/req${r.non2xx || r.errors ? ` · non-2xx ${r.non2xx}, errors ${r.errors}` : ""}`);
}
if (args.save) writeFileSync(args.save, JSON.stringify({ label: args.label, at: new Date().toISOString(), results }, null, 2));

const before = args.before && existsSync(args.before) ? (JSON.parse(readFileSync(args.before, "utf8")) as { label: string; results: Result[] }) : null;
const fmt = (x: number | null) => (typeof x === "number" && Number.isFinite(x) ? x.toLocaleString("en", { maximumFractionDigits: 1 }) : "—");
const verdict = (r: Result) => {
  const t = TARGET_MS[r.kind];
  if (r.kind === "floor") return "(the floor, no target)";
  if (t === null) return "(no target)";
  return r.p95 < t && r.non2xx === 0 && r.errors === 0 ? `p95 < ${t} ms: **met**` : `p95 < ${t} ms: not met`;
};
const rows = results.map((r) => {
  const b = before?.results.find((x) => x.name === r.name);
  const was = before ? `${b ? `${fmt(b.p50)} / ${fmt(b.p95)}` : "—"} | ` : "";
  return `| ${r.name} | ${was}${fmt(r.p50)} / ${fmt(r.p95)} / ${fmt(r.p99)} | ${r.requests} · ${r.rps}/s${r.non2xx || r.errors ? ` · ${r.non2xx} ${r.kind === "floor" ? "unexpected" : "non-2xx"}, ${r.errors} errors` : ""} | ${fmt(r.cpuMsPerRequest)} | ${verdict(r)} |`;
});
const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
/** What the database holds, counted (not the seed's arguments: a rerun of seed:scale adds more). */
async function dataLine(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url) return "the demo workspace plus `npm run seed:scale`";
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ c: string; m: string }>("select (select count(*) from conversations)::text as c, (select count(*) from messages)::text as m");
    return `the demo workspace plus \`npm run seed:scale\`: ${Number(rows[0]!.c).toLocaleString("en")} conversations, ${Number(rows[0]!.m).toLocaleString("en")} messages`;
  } finally {
    await client.end();
  }
}
const data = await dataLine();
const load = os.loadavg().map((x) => x.toFixed(1)).join(" / ");
const body = `${os.cpus().length} cores (${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, shared with other work (load average at the end ${load}); PostgreSQL 15 on loopback (a throwaway cluster, fsync off), ${data}; the production build (\`node server.mjs\`), one process, signed in as the demo lead. autocannon, ${args.connections} connections, each endpoint for ${args.seconds} s or ${args.max} requests; latency from every response, in ms. Targets: p95 under ${READ_TARGET} ms for lists, counts and threads, under 150 ms for search and reports. The "floor" rows read nothing of ours (a request refused for want of a session; the health check's \`select 1\`): what a request costs on this machine, the bound under every other row. ${args["via-next"] ? "Every request went through Next's routes (\`--via-next\`)." : "The inbox's lists, counts, threads, conversation detail, search, the payments list and the reports (JSON) are served by server.mjs's lean read path (the same route definitions without Next's router, lib/http/read-route.ts); the reply by Next."} "Server CPU per request" is the app process's user + system time over the endpoint's run divided by its requests (\`/proc/<pid>/stat\`; only when this script started the server); the database's own time per query, before and after, is in [docs/inbox-at-scale.md](docs/inbox-at-scale.md) (\`npm run bench:api -- --explain\`).

| endpoint | ${before ? `${before.label}: p50 / p95 | ` : ""}${args.label}: p50 / p95 / p99 | requests · rate | server CPU per request (ms) | target |
|---|${before ? "---|" : ""}---|---|---|---|
${rows.join("\n")}`;
console.log(body);
if (!args["no-write"]) {
  const section = args.stretch ? "api-stretch" : "api";
  const title = args.stretch ? "The API at the stretch scale, 1M conversations / 10M messages (`npm run bench:api -- --stretch`)" : "The API at scale (`npm run bench:api`)";
  writeBenchmarkSection(section, body, { title, seconds: (Date.now() - started) / 1000 });
}
process.exit(0);
