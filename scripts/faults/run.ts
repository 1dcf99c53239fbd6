// npm run test:faults — the fault suites, against the production build (`node server.mjs`) on a
// throwaway PostgreSQL 15 with default durability, in demo mode (the in-process fake Graph API):
//   kill9     kill -9 under sustained webhook load, a retrying sender: every message stored once
//   outage    Graph answers 500, then 429: every queued reply sent once, within 10 s of the end
//   pgcrash   PostgreSQL crash-restart under load: the app recovers by itself, loses nothing acknowledged
//   sse       SSE clients drop and reconnect: after `ready` and the refetch they miss nothing
//   twoapps   two app processes on one database: a payment settled through each, exactly once;
//             an event published by one reaches an SSE client of the other
//   roles     a web process and a worker process: the web one stores and processes nothing, the
//             worker processes (stopped: rows wait; killed -9 under load: nothing lost or doubled)
// Prints pass/fail per fault with its figures; exits 1 on any failure. Bounded (≈ 4–5 min here).
//   --only a,b      run these faults only          --write   write the figures to BENCHMARKS.md
//   --skip-build    reuse .next even if stale (built when missing)
//   --outage-seconds N   each outage phase (500, then 429) lasts N s (default 30: a minute in all)
//   --cluster       against `npm run cluster:local` (started and stopped here): scripts/faults/cluster.ts
//   FAULTS_PG_PORT (55601), FAULTS_APP_PORT (3601; the second app uses the next port)
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { writeBenchmarkSection } from "../bench/report";
import { startCluster } from "./cluster";
import { AppProcess, appEnv, cleanupAll, inboundWebhook, postUntilAccepted, prepareDatabase, ROOT, RUN_ID, signIn, startPostgres, tempDir, type App, type FaultResult, type Postgres } from "./harness";
import { killDuringLoad } from "./kill9";
import { graphOutage } from "./outage";
import { postgresCrash } from "./pgcrash";
import { sseReconnect } from "./sse";
import { webAndWorker } from "./roles";
import { twoApps } from "./two-apps";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    write: { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
    "outage-seconds": { type: "string", default: "30" },
    cluster: { type: "boolean", default: false },
  },
});
const ALL = ["kill9", "outage", "pgcrash", "sse", "twoapps", "roles"] as const;
const only = new Set((args.only ?? ALL.join(",")).split(",").map((s) => s.trim()));
for (const name of only) if (!(ALL as readonly string[]).includes(name)) throw new Error(`unknown fault "${name}" (known: ${ALL.join(", ")})`);
const OUTAGE_S = Math.min(120, Math.max(5, Number(args["outage-seconds"])));
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55601);
const APP_PORT = Number(process.env.FAULTS_APP_PORT ?? 3601);

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

const loadAtStart = os.loadavg()[0]!;

async function main(): Promise<number> {
  const started = Date.now();
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    console.log("[faults] no production build: next build");
    execFileSync("npx", ["next", "build"], { cwd: ROOT, stdio: "inherit" });
  } else if (!args["skip-build"]) {
    console.log("[faults] using the existing .next build (rebuild with `npx next build` after changes)");
  }
  let pg: Postgres;
  let app: App;
  let appA: App;
  let appB: App;
  let web: App | undefined;
  let worker: App | undefined;
  if (args.cluster) {
    // The same suites against the multi-process deployment (scripts/faults/cluster.ts says what each drives).
    console.log("[faults] npm run cluster:local (HAProxy, 3 apps, PgBouncer, primary + replica)");
    const cluster = await startCluster();
    pg = cluster.postgres;
    app = cluster.member(2, "balancer");
    appA = cluster.member(1, "direct");
    appB = cluster.member(2, "direct");
    console.log(`[faults] balancer ${cluster.balancerUrl}, apps ${cluster.pids().join(", ")}`);
  } else {
    console.log(`[faults] throwaway PostgreSQL (default durability) on 127.0.0.1:${PG_PORT}`);
    pg = startPostgres(PG_PORT);
    const mediaDir = tempDir("media");
    const logDir = tempDir("logs");
    console.log("[faults] migrate + seed");
    prepareDatabase(pg.url, mediaDir);
    app = appA = new AppProcess("app-a", APP_PORT, appEnv(APP_PORT, pg.url, mediaDir), logDir);
    appB = new AppProcess("app-b", APP_PORT + 1, appEnv(APP_PORT + 1, pg.url, mediaDir), logDir);
    web = new AppProcess("web", APP_PORT + 2, appEnv(APP_PORT + 2, pg.url, mediaDir), logDir, "web");
    worker = new AppProcess("worker", APP_PORT + 3, appEnv(APP_PORT + 3, pg.url, mediaDir), logDir, "worker");
    console.log(`[faults] app A on ${app.url} (ready in ${await app.start()} ms)`);
  }
  // Warm: the first requests start the pool, pg-boss and the processor; the faults measure faults.
  await signIn(app.url);
  await Promise.all(Array.from({ length: 20 }, (_, i) => postUntilAccepted(app.url, inboundWebhook("393480000001", `wamid.FAULTS${RUN_ID}WARM${i}`, `Warm-up ${i}`))));

  const results: FaultResult[] = [];
  const run = async (name: (typeof ALL)[number], title: string, fn: () => Promise<FaultResult>) => {
    if (!only.has(name)) return;
    console.log(`\n${bold(`── ${title}`)}`);
    const t = Date.now();
    let result: FaultResult;
    try {
      result = await fn();
    } catch (err) {
      result = { name: title, passed: false, seconds: (Date.now() - t) / 1000, figures: "—", failures: [`crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`] };
      console.log(`  ✗ ${result.failures[0]}`);
    }
    results.push(result);
    console.log(`  ${result.passed ? "PASS" : "FAIL"} (${result.seconds.toFixed(0)} s): ${result.figures}`);
    // The next fault starts from a running app A.
    if (!app.running()) await app.start();
  };

  await run("kill9", "1. kill -9 under webhook load", () => killDuringLoad({ app, databaseUrl: pg.url, rate: 200, seconds: 12, cluster: args.cluster }));
  await run("outage", "2. Graph API outage (500, then 429)", () => graphOutage({ app, databaseUrl: pg.url, phaseSeconds: OUTAGE_S }));
  await run("pgcrash", "3. PostgreSQL crash-restart under load", () => postgresCrash({ app, pg, rate: 150, seconds: 12 }));
  await run("sse", "4. SSE clients drop and reconnect", () => sseReconnect({ app, databaseUrl: pg.url }));
  await run("twoapps", "5. two app processes, one database", () => twoApps({ a: appA, b: appB, databaseUrl: pg.url }));
  // The cluster's apps all run role `all` (scripts/cluster-local.sh); the split runs on its own.
  if (args.cluster && only.has("roles")) console.log("\n── 6. web and worker processes: not run against the cluster (its apps are role all)");
  if (web && worker) {
    const [w, k] = [web, worker];
    await run("roles", "6. web and worker processes", () => webAndWorker({ others: [appA, appB], web: w, worker: k, databaseUrl: pg.url, rate: 200, seconds: 10 }));
  }

  const seconds = (Date.now() - started) / 1000;
  const failed = results.filter((r) => !r.passed);
  console.log(`\n${bold("── Fault suites")}`);
  for (const r of results) {
    console.log(`${r.passed ? "PASS" : "FAIL"}  ${r.name} (${r.seconds.toFixed(0)} s)`);
    console.log(`      ${r.figures}`);
    for (const f of r.failures) console.log(`      ✗ ${f}`);
  }
  console.log(`\n${failed.length ? `${failed.length} of ${results.length} fault suites FAILED` : `all ${results.length} fault suites passed`} in ${Math.round(seconds)} s`);
  if (args.write) {
    if (args.cluster) writeBenchmarkSection("faults-cluster", renderTable(results), { title: "Fault suites on the cluster (`npm run test:faults -- --cluster`)", seconds });
    else writeBenchmarkSection("faults", renderTable(results), { title: "Fault suites (`npm run test:faults`)", seconds });
    console.log("[faults] written to BENCHMARKS.md");
  }
  return failed.length ? 1 : 0;
}

function renderTable(results: FaultResult[]): string {
  const lines = [
    `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? "cpu"}), Node ${process.version}, ${args.cluster ? "`npm run cluster:local`: HAProxy → 3 app processes, PgBouncer (transaction pooling) → PostgreSQL 15 primary (fsync on) with a streaming replica; the fake Graph API in app 1" : "PostgreSQL 15 with default durability (fsync on), one app process (two for the last suite)"}, production build, demo mode (the in-process fake Graph API). Load generator and servers share the machine (1-minute load average ${loadAtStart.toFixed(1)} when the suite started: other work on it too, figures are noisy).`,
    "",
    "| Fault | Result | Figures |",
    "|---|---|---|",
  ];
  for (const r of results) lines.push(`| ${r.name} | ${r.passed ? "pass" : `**fail**: ${r.failures.join("; ").replace(/\|/g, "\\|")}`} | ${r.figures.replace(/\|/g, "\\|")} |`);
  return lines.join("\n");
}

let code = 1;
let cleaning: Promise<void> | undefined;
const cleanup = () => (cleaning ??= cleanupAll());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n[faults] ${signal}: stopping everything`);
    void cleanup().finally(() => process.exit(130));
  });
}
try {
  code = await main();
} catch (err) {
  console.error("[faults] failed:", err);
} finally {
  await cleanup();
}
process.exit(code);
