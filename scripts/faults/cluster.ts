// The fault suites against `npm run cluster:local` (`npm run test:faults -- --cluster`): HAProxy in
// front of three app processes, PgBouncer in front of a primary with a streaming replica. The
// suites are the same; what they drive changes:
//   kill9     webhooks go to the balancer; app 2 is killed with SIGKILL and started again
//   outage    replies through the balancer; the fake Graph API lives in app 1 (HAProxy pins it there)
//   pgcrash   the primary crashes (`crash-primary`); PgBouncer, the replica and every app reconnect
//   sse       streams through the balancer, dropped and reopened (each reconnect may land elsewhere)
//   twoapps   a payment settled through app 1 and one through app 2, each addressed directly
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { APP_SECRET, onCleanup, ROOT, sleep, type App, type Postgres } from "./harness";

const run = promisify(execFile);
const SCRIPT = path.join(ROOT, "scripts/cluster-local.sh");
const STATE = path.join(ROOT, ".cluster");
const BASE = Number(process.env.CLUSTER_PORT_BASE ?? 4400);

/** One of the cluster's app processes, started and stopped through cluster-local.sh. */
class ClusterMember implements App {
  listeningAt?: number;
  constructor(
    readonly name: string,
    private readonly n: 1 | 2 | 3,
    /** Where the suite sends its requests: the balancer, or this process directly. */
    readonly url: string,
  ) {}

  get port(): number {
    return BASE + this.n;
  }

  get pid(): number | undefined {
    try {
      return Number(readFileSync(path.join(STATE, "run", `app${this.n}.pid`), "utf8").trim()) || undefined;
    } catch {
      return undefined;
    }
  }

  running(): boolean {
    const pid = this.pid;
    if (!pid) return false;
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  async start(): Promise<number> {
    if (this.running()) return 0;
    const t = Date.now();
    // Asynchronous: a suite's load generator keeps sending through the balancer meanwhile.
    await run("bash", [SCRIPT, "start-app", String(this.n)], { cwd: ROOT });
    await waitForAnswer(`http://127.0.0.1:${this.port}/login`, 90_000);
    this.listeningAt = Date.now();
    return Date.now() - t;
  }

  async kill9(): Promise<void> {
    const pid = this.pid;
    if (!pid || !this.running()) return;
    process.kill(pid, "SIGKILL");
    for (let i = 0; i < 200 && this.running(); i++) await sleep(25);
  }

  /** The cluster stops its processes when the suites end (`cluster-local.sh stop`). */
  async stop(): Promise<void> {}
}

async function waitForAnswer(url: string, limitMs: number): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${limitMs} ms`);
}

export type Cluster = {
  balancerUrl: string;
  /** The primary, directly (the suites read and count rows there). */
  postgres: Postgres;
  /** App n; its requests go to the balancer (`via: "balancer"`) or to the process itself. */
  member(n: 1 | 2 | 3, via: "balancer" | "direct"): App;
  pids(): (number | undefined)[];
};

/** Starts the cluster (with the suites' webhook secret) and registers its stop for cleanup. */
export async function startCluster(): Promise<Cluster> {
  onCleanup(async () => {
    await run("bash", [SCRIPT, "stop"], { cwd: ROOT }).catch((err: unknown) => console.error("[faults] cluster stop:", err));
  });
  const env = { ...process.env, WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: "faults-verify-token" };
  try {
    await run("bash", [SCRIPT, "--detach"], { cwd: ROOT, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { stderr?: string };
    throw new Error(`cluster:local did not start:\n${e.stderr?.split("\n").slice(-20).join("\n") ?? String(err)}`);
  }
  const appEnv = readFileSync(path.join(STATE, "app.env"), "utf8");
  const direct = /DATABASE_DIRECT_URL=(\S+)/.exec(appEnv)?.[1]?.replace(/^'|'$/g, "");
  if (!direct) throw new Error("no DATABASE_DIRECT_URL in .cluster/app.env");
  const balancerUrl = `http://127.0.0.1:${BASE}`;
  const crashRestart = async () => {
    await run("bash", [SCRIPT, "crash-primary"], { cwd: ROOT });
  };
  const members = new Map<string, ClusterMember>();
  return {
    balancerUrl,
    postgres: { url: direct, dir: path.join(STATE, "pg/primary"), crashRestart },
    member(n, via) {
      const key = `${n}-${via}`;
      if (!members.has(key)) members.set(key, new ClusterMember(`app${n}`, n, via === "balancer" ? balancerUrl : `http://127.0.0.1:${BASE + n}`));
      return members.get(key)!;
    },
    pids: () => ([1, 2, 3] as const).map((n) => new ClusterMember(`app${n}`, n, balancerUrl).pid),
  };
}
