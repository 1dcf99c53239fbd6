// Figures of the local cluster (`npm run cluster:local -- --detach` first; docs/scaling.md):
//   1. realtime across processes: a reply POSTed to app 1, seen on an SSE stream held by app 2
//   2. replica lag: a reply's row visible on the replica after its commit on the primary
//   3. reports read from the replica: replay paused on the replica, a conversation resolved on the
//      primary, the report unchanged until replay resumes
//   4. requests/s through HAProxy (three apps) vs one app, on a few endpoints (autocannon)
//   5. with --kill: app 2 is killed (SIGKILL) under load, then started again: failed requests,
//      and how long HAProxy takes to take it out and back
//   npm run bench:cluster [-- --base 4400 --replies 30 --seconds 10 --connections 20 --kill]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pg from "pg";
import { signIn } from "./realtime-tabs";

const { values } = parseArgs({ options: { base: { type: "string" }, replies: { type: "string" }, seconds: { type: "string" }, connections: { type: "string" }, kill: { type: "boolean" }, only: { type: "string" } } });
const BASE = Number(values.base ?? process.env.CLUSTER_PORT_BASE ?? 4400);
const LB = `http://127.0.0.1:${BASE}`;
const APP = (n: 1 | 2 | 3) => `http://127.0.0.1:${BASE + n}`;
const PRIMARY = `postgres://postgres@127.0.0.1:${BASE + 33}/sportello`;
const REPLICA = `postgres://postgres@127.0.0.1:${BASE + 34}/sportello`;
const REPLIES = Number(values.replies ?? 30);
const SECONDS = Number(values.seconds ?? 10);
const CONNECTIONS = Number(values.connections ?? 20);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** HAProxy's view of app n (UP, DOWN, "DOWN 1/2"…) from its stats CSV. */
async function backendState(n: number): Promise<string> {
  const csv = await (await fetch(`http://127.0.0.1:${BASE + 98}/;csv`)).text();
  return csv.split("\n").map((l) => l.split(",")).find((f) => f[0] === "apps" && f[1] === `app${n}`)?.[17] ?? "?";
}

async function killOne() {
  console.log(`\n5. app 2 killed (SIGKILL) 3 s into ${SECONDS + 6} s of load on GET /api/health through HAProxy`);
  const run = autocannon({ url: `${LB}/api/health`, connections: CONNECTIONS, duration: SECONDS + 6 });
  await new Promise((r) => setTimeout(r, 3_000));
  const pid = Number(readFileSync(".cluster/run/app2.pid", "utf8"));
  const killedAt = performance.now();
  process.kill(pid, "SIGKILL");
  let downAfter = NaN;
  for (let i = 0; i < 200; i++) {
    if ((await backendState(2)).startsWith("DOWN")) {
      downAfter = performance.now() - killedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const r = await run;
  console.log(`   ${r.requests.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors; HAProxy marked app 2 DOWN ${ms(downAfter)} after the kill`);
  const startedAt = performance.now();
  execFileSync("bash", ["scripts/cluster-local.sh", "start-app", "2"], { stdio: "inherit" });
  let upAfter = NaN;
  for (let i = 0; i < 1200; i++) {
    if ((await backendState(2)) === "UP") {
      upAfter = performance.now() - startedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`   started again: back in rotation ${ms(upAfter)} after \`start-app 2\``);
}

async function replicaCheck(cookie: string, skipId: string) {
  // 3. the reports read the replica: freeze its replay, change the primary, compare ----
  const lead = await signIn(LB, "marco@voloazzurro.it", "sportello-demo");
  // The last 30 days up to tomorrow (UTC), so today's resolution counts in any workspace zone.
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const resolvedCount = async () => {
    const res = await fetch(`${LB}/api/reports?from=${day(-29)}&to=${day(1)}`, { headers: { cookie: lead } });
    if (!res.ok) throw new Error(`report: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { volume: { resolved: number } }).volume.resolved;
  };
  const openList = (await (await fetch(`${LB}/api/conversations?view=all&status=open&limit=25`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  const target = openList.items.find((c) => c.id !== skipId) ?? openList.items[0];
  if (target) {
    const standby = new pg.Client({ connectionString: REPLICA });
    await standby.connect();
    const before = await resolvedCount();
    await standby.query("select pg_wal_replay_pause()");
    try {
      const res = await fetch(`${LB}/api/conversations/${target.id}`, { method: "PATCH", headers: { cookie, "content-type": "application/json" }, body: JSON.stringify({ status: "resolved" }) });
      if (!res.ok) throw new Error(`resolve: ${res.status}`);
      await new Promise((r) => setTimeout(r, 500));
      const paused = await resolvedCount();
      await standby.query("select pg_wal_replay_resume()");
      await new Promise((r) => setTimeout(r, 500));
      const resumed = await resolvedCount();
      const sessions = await standby.query("select application_name, count(*)::int as n from pg_stat_activity where datname = 'sportello' group by 1 order by 1");
      console.log(`3. reports from the replica: resolved ${before} → one resolved on the primary while replay was paused → report says ${paused} → replay resumed → ${resumed}`);
      console.log(`   ${paused === before && resumed === before + 1 ? "OK: the report reads the replica" : "UNEXPECTED: the report does not follow the replica"}; sessions on the replica: ${JSON.stringify(sessions.rows)}`);
    } finally {
      await standby.query("select pg_wal_replay_resume()").catch(() => undefined);
      await standby.end();
    }
  }

}

async function main() {
  if (values.only === "kill") return killOne();
  if (values.only === "replica") return replicaCheck(await signIn(LB, "giulia@voloazzurro.it", "sportello-demo"), "");
  const cookie = await signIn(LB, "giulia@voloazzurro.it", "sportello-demo");
  const list = (await (await fetch(`${LB}/api/conversations?view=all&limit=25`, { headers: { cookie } })).json()) as { items: { id: string; status: string }[] };
  const conv = list.items.find((c) => c.status === "open") ?? list.items[0];
  if (!conv) throw new Error("no conversation to reply to");

  // ---- 1. cross-process realtime: POST on app 1, frame on app 2's stream ----
  const waiting = new Map<string, (t: number) => void>();
  let frames = "";
  const sse = http.get(`${APP(2)}/api/events`, { headers: { cookie, accept: "text/event-stream" } }, (res) => {
    if (res.statusCode !== 200) throw new Error(`SSE on app 2: ${res.statusCode}`);
    res.setEncoding("utf8");
    res.on("data", (chunk: string) => {
      const now = performance.now();
      frames += chunk;
      for (const [marker, done] of waiting) {
        if (!frames.includes(marker)) continue;
        waiting.delete(marker);
        done(now);
      }
      if (frames.length > 1_000_000) frames = frames.slice(-100_000);
    });
  });
  await new Promise((r) => setTimeout(r, 1_500)); // the stream's first frame and LISTEN
  const live: number[] = [];
  const post: number[] = [];
  const lag: number[] = [];
  const replica = new pg.Client({ connectionString: REPLICA });
  await replica.connect();
  for (let i = 0; i < REPLIES; i++) {
    const marker = `cluster-bench-${Date.now()}-${i}`;
    const seen = new Promise<number>((resolve) => waiting.set(marker, resolve));
    const t0 = performance.now();
    const res = await fetch(`${APP(1)}/api/conversations/${conv.id}/messages`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ text: marker, clientMessageId: crypto.randomUUID() }),
    });
    const t1 = performance.now();
    if (!res.ok) throw new Error(`reply: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    post.push(t1 - t0);
    // ---- 2. replica: poll for the committed row (1 ms steps) ----
    for (;;) {
      const r = await replica.query("select 1 from messages where id = $1", [id]);
      if (r.rowCount) break;
      if (performance.now() - t1 > 5_000) throw new Error("row never reached the replica");
      await new Promise((r) => setTimeout(r, 1));
    }
    lag.push(performance.now() - t1);
    live.push((await Promise.race([seen, new Promise<number>((_, rej) => setTimeout(() => rej(new Error("no live frame on app 2 within 10 s")), 10_000))])) - t0);
    await new Promise((r) => setTimeout(r, 100));
  }
  sse.destroy();
  const primary = new pg.Client({ connectionString: PRIMARY });
  await primary.connect();
  const repl = await primary.query("select application_name, state, write_lag, flush_lag, replay_lag from pg_stat_replication");
  await primary.end();
  await replica.end();

  console.log(`\n1. realtime across processes (POST on app 1 → SSE frame on app 2), ${REPLIES} replies`);
  console.log(`   POST answered: p50 ${ms(pct(post, 50))}, p95 ${ms(pct(post, 95))}`);
  console.log(`   frame on app 2 after the POST started: p50 ${ms(pct(live, 50))}, p95 ${ms(pct(live, 95))}, max ${ms(Math.max(...live))}`);
  console.log(`2. replica: row visible after the POST answered: p50 ${ms(pct(lag, 50))}, p95 ${ms(pct(lag, 95))}, max ${ms(Math.max(...lag))}`);
  console.log(`   pg_stat_replication: ${JSON.stringify(repl.rows)}`);

  await replicaCheck(cookie, conv.id);

  // ---- 4. throughput: the balancer (3 apps) vs app 1 alone ----
  console.log(`\n4. requests/s, ${CONNECTIONS} connections, ${SECONDS} s each`);
  const targets: [string, string, Record<string, string>][] = [
    ["GET /api/health (select 1)", "/api/health", {}],
    ["GET /api/conversations (signed in)", "/api/conversations?view=all&limit=25", { cookie }],
  ];
  for (const [name, path, headers] of targets) {
    for (const [label, base] of [["one app", APP(1)], ["HAProxy → 3 apps", LB]] as const) {
      const r = await autocannon({ url: `${base}${path}`, connections: CONNECTIONS, duration: SECONDS, headers });
      console.log(`   ${name.padEnd(38)} ${label.padEnd(18)} ${String(Math.round(r.requests.average)).padStart(6)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  non-2xx ${r.non2xx}  errors ${r.errors}`);
    }
  }
  if (values.kill) await killOne();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
