// What every fault suite needs: a throwaway PostgreSQL with default durability, production app
// processes (`node server.mjs`) in demo mode on it, signed webhooks, a signed-in agent, SSE
// clients and direct database reads. Loopback only; every process and directory it makes is
// registered for cleanup (scripts/faults/run.ts calls `cleanupAll` on exit and on signals).
import { spawn, execFile, execFileSync, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readSse, signInCookie, sleep, waitForHttp } from "../bench/process-tools";

export { sleep };
export const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP_SECRET = "faults-app-secret";
export const PHONE_NUMBER_ID = "106540352242922"; // the demo channel the seed creates
export const PASSWORD = "sportello-demo";
export const ADMIN = "admin@voloazzurro.it";
export const WEBHOOK_PATH = "/api/webhooks/whatsapp";
export const RUN_ID = Date.now().toString(36);

// ---------------------------------------------------------------------------------------------
// Cleanup

const cleanups: (() => void | Promise<void>)[] = [];
export function onCleanup(fn: () => void | Promise<void>): () => void {
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}
export async function cleanupAll(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error("[faults] cleanup failed:", err instanceof Error ? err.message : err);
    }
  }
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `sportello-faults-${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

export type Postgres = { url: string; dir: string; crashRestart(): Promise<void> };

/** A throwaway cluster with PostgreSQL's default durability (a crash test needs fsync on). */
export function startPostgres(port: number): Postgres {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-faults-pg-"));
  const script = path.join(ROOT, "scripts/pg-throwaway.sh");
  onCleanup(() => {
    execFileSync("bash", [script, "stop", dir], { stdio: "ignore" });
  });
  const url = execFileSync("bash", [script, "start", dir, String(port)], {
    encoding: "utf8",
    env: { ...process.env, PG_THROWAWAY_DURABLE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
  // Asynchronous: the load generator keeps sending while PostgreSQL restarts.
  const crashRestart = () =>
    new Promise<void>((resolve, reject) => {
      execFile("bash", [script, "crash-restart", dir], (err, _out, stderr) => (err ? reject(new Error(`crash-restart failed: ${stderr}`)) : resolve()));
    });
  return { url, dir, crashRestart };
}

export async function query<T = Record<string, unknown>>(url: string, text: string, values?: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// App processes

export type AppEnv = Record<string, string>;

export function appEnv(port: number, databaseUrl: string, mediaDir: string): AppEnv {
  const url = `http://127.0.0.1:${port}`;
  return {
    NODE_ENV: "production",
    NEXTAUTH_SECRET: "faults-only-secret-0123456789abcdefghijklmnop",
    NEXTAUTH_URL: url,
    APP_URL: url,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: "faults-verify-token",
    WHATSAPP_ACCESS_TOKEN: "",
    SPORTELLO_DEMO: "1",
    MEDIA_DIR: mediaDir,
    DATABASE_URL: databaseUrl,
  };
}

/** Migrations and the demo seed, as their own step before any server starts. */
export function prepareDatabase(databaseUrl: string, mediaDir: string) {
  const env = { ...process.env, ...appEnv(3600, databaseUrl, mediaDir) };
  execFileSync("npx", ["tsx", "scripts/migrate.ts"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("npx", ["tsx", "scripts/seed.ts", "--reset", "--auto-assign=off"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] });
}

/** What a fault suite drives: one process here, or a member of `npm run cluster:local` (cluster.ts). */
export interface App {
  readonly name: string;
  /** Where the suite sends its requests: the process itself, or the cluster's balancer. */
  readonly url: string;
  readonly pid: number | undefined;
  /** When the last start was seen listening. */
  readonly listeningAt?: number;
  running(): boolean;
  /** Starts it (a no-op when it runs) and resolves once it answers; the milliseconds it took. */
  start(): Promise<number>;
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export class AppProcess implements App {
  child?: ChildProcess;
  /** When the last started process said it listens (`server.mjs` prints it once Next is prepared). */
  listeningAt?: number;
  readonly url: string;
  private starts = 0;
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: AppEnv,
    private readonly logDir: string,
    /** `server.mjs --role`: web (answers, stores) or worker (processes, no HTTP); unset: both. */
    private readonly role?: "web" | "worker",
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns `node server.mjs` and resolves once /login answers (a worker: once it says it is ready). */
  async start(): Promise<number> {
    if (this.running()) return 0;
    const t = Date.now();
    const log = createWriteStream(path.join(this.logDir, `${this.name}-${++this.starts}.log`));
    const role = this.role ? ["--role", this.role] : [];
    const child = spawn(process.execPath, ["server.mjs", "--port", String(this.port), "--hostname", "127.0.0.1", ...role], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.listeningAt = undefined;
    // The "ready" line may arrive split across chunks: look at what came so far (until it is seen).
    let seen = "";
    const ready = new Promise<void>((resolve) =>
      child.stdout!.on("data", (chunk: Buffer) => {
        if (this.listeningAt !== undefined) return;
        seen = (seen + chunk.toString()).slice(-4096);
        if (/\[sportello\] (ready on|worker ready)/.test(seen)) {
          this.listeningAt = Date.now();
          resolve();
        }
      }),
    );
    this.child = child;
    const off = onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    child.once("exit", off);
    if (this.role === "worker") {
      // No HTTP to poll: its "ready" line, unless it exits or 60 s pass first.
      let failure: string | undefined;
      const onExit = (code: number | null) => (failure = `${this.name} exited (${code}) before it was ready; see ${this.logFile()}`);
      child.once("exit", onExit);
      const until = Date.now() + 60_000;
      let isReady = false;
      void ready.then(() => (isReady = true));
      while (!isReady && !failure && Date.now() < until) await sleep(50);
      child.off("exit", onExit);
      if (!isReady) throw new Error(failure ?? `${this.name} was not ready within 60 s; see ${this.logFile()}`);
    } else {
      await waitForHttp(`${this.url}/login`, child, 60_000);
    }
    return Date.now() - t;
  }

  /** kill -9: no shutdown hooks, in-flight requests and batches die with it. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000).then(() => child.kill("SIGKILL"))]);
    await exited;
  }

  logFile(n = this.starts): string {
    return path.join(this.logDir, `${this.name}-${n}.log`);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP: signed webhooks, sign-in, API calls

export function inboundWebhook(waId: string, wamid: string, text: string): string {
  const value = {
    messaging_product: "whatsapp",
    metadata: { display_phone_number: "15550001234", phone_number_id: PHONE_NUMBER_ID },
    contacts: [{ profile: { name: `Cliente ${waId.slice(-4)}` }, wa_id: waId }],
    messages: [{ from: waId, id: wamid, timestamp: Math.floor(Date.now() / 1000).toString(), type: "text", text: { body: text } }],
  };
  return JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "102290129340398", changes: [{ field: "messages", value }] }] });
}

export function signature(body: string): string {
  return `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`;
}

/** One POST of a signed body; the status, or the error's code (ECONNREFUSED, timeout…). */
export async function postWebhook(baseUrl: string, body: string, timeoutMs = 5_000): Promise<number | string> {
  try {
    const res = await fetch(`${baseUrl}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-hub-signature-256": signature(body) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch (err) {
    const e = err as { name?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.name ?? "error";
  }
}

/** Posts until a 2xx (Meta retries too); returns the number of attempts. */
export async function postUntilAccepted(baseUrl: string, body: string, limitMs = 120_000): Promise<number> {
  const until = Date.now() + limitMs;
  for (let attempt = 1; ; attempt++) {
    const r = await postWebhook(baseUrl, body);
    if (typeof r === "number" && r >= 200 && r < 300) return attempt;
    if (Date.now() > until) throw new Error(`webhook not accepted after ${attempt} attempts (last: ${r})`);
    await sleep(typeof r === "number" ? 200 : 100);
  }
}

/** Signs in (the demo admin unless told otherwise); returns the Cookie header. */
export const signIn = (baseUrl: string, email = ADMIN, password = PASSWORD) => signInCookie(baseUrl, email, password);

export async function api<T>(baseUrl: string, cookie: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${p}`, {
    method,
    headers: { cookie, accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T };
}

/** A customer writes (signed inbound webhook) and their conversation exists: its id. */
export async function customerConversation(app: App, databaseUrl: string, waId: string, text = "Buongiorno"): Promise<string> {
  await postUntilAccepted(app.url, inboundWebhook(waId, `wamid.FAULTS${RUN_ID}OPEN${waId}`, text));
  return waitFor(`conversation of ${waId}`, 20_000, async () => {
    const rows = await query<{ id: string }>(
      databaseUrl,
      `select c.id from conversations c join contacts ct on ct.id = c.contact_id where ct.wa_id = $1 order by c.created_at desc limit 1`,
      [waId],
    );
    return rows[0]?.id;
  });
}

export async function waitFor<T>(what: string, limitMs: number, fn: () => Promise<T | undefined | null | false>, everyMs = 200): Promise<T> {
  const until = Date.now() + limitMs;
  let lastErr: unknown;
  while (Date.now() < until) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      lastErr = err;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out after ${limitMs} ms waiting for ${what}${lastErr ? ` (last error: ${lastErr instanceof Error ? lastErr.message : lastErr})` : ""}`);
}

// ---------------------------------------------------------------------------------------------
// SSE

export type SseFrame = { event: string; data: string; id?: string };

/** A signed-in client on /api/events: frames as they arrive; `close()` drops the connection. */
export class SseClient {
  private req?: http.ClientRequest;
  private res?: http.IncomingMessage;
  readonly frames: (SseFrame & { at: number })[] = [];
  private listeners = new Set<(f: SseFrame) => void>();
  connected = false;

  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  /** Connects; resolves on the `ready` frame (the server has subscribed: nothing after it is missed). */
  open(onFrame?: (f: SseFrame) => void): Promise<void> {
    if (onFrame) this.listeners.add(onFrame);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no `ready` within 15 s")), 15_000);
      const req = http.get(`${this.baseUrl}/api/events`, { headers: { cookie: this.cookie, accept: "text/event-stream" } }, (res) => {
        if (res.statusCode !== 200) {
          clearTimeout(timer);
          res.resume();
          return reject(new Error(`/api/events answered ${res.statusCode}`));
        }
        this.res = res;
        this.connected = true;
        readSse(res, (f) => {
          this.frames.push({ ...f, at: Date.now() });
          if (f.event === "ready") {
            clearTimeout(timer);
            resolve();
          }
          for (const l of this.listeners) l(f);
        });
        res.on("close", () => {
          this.connected = false;
        });
        res.on("error", () => undefined);
      });
      req.on("error", (err) => {
        this.connected = false;
        clearTimeout(timer);
        reject(err);
      });
      this.req = req;
    });
  }

  close() {
    this.connected = false;
    this.res?.destroy();
    this.req?.destroy();
    this.listeners.clear();
  }
}

/** The messages (text → id) a `live` frame carries. */
export function liveMessages(f: SseFrame): { id: string; text: string | null; conversationId: string }[] {
  if (f.event !== "live") return [];
  try {
    return (JSON.parse(f.data) as { messages?: { id: string; text: string | null; conversationId: string }[] }).messages ?? [];
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// Results

export type FaultResult = { name: string; passed: boolean; seconds: number; figures: string; failures: string[] };

export class Checks {
  readonly failures: string[] = [];
  check(ok: boolean, what: string): boolean {
    if (!ok) this.failures.push(what);
    console.log(`  ${ok ? "✓" : "✗"} ${what}`);
    return ok;
  }
}

export const pct = (values: number[], p: number): number => {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

// ---------------------------------------------------------------------------------------------
// Sustained webhook load with a retrying sender

export type LoadStats = {
  sent: number;
  wamids: string[];
  attempts: number;
  /** Answers that were not 2xx, by status or error code. */
  refused: Record<string, number>;
  /** Messages that needed more than one attempt. */
  retried: number;
  achievedPerSecond: number;
  /** Gave up (the retry limit passed): should stay 0. */
  abandoned: number;
  /** When each 2xx came (ms since the epoch), in order. */
  acceptedAt: number[];
};

/**
 * Posts `rate` inbound messages a second for `seconds` (from 200 customers), one signed webhook
 * each, as Meta does: each is retried until it gets a 2xx (refused, reset or timed-out connections
 * after 200 ms, doubling to 2 s; a 10 s timeout counts as a failure, as at Meta). Bounded: at most `maxInFlight` messages in flight (then the
 * sender waits, as Meta's queue would).
 */
export async function runLoad(baseUrl: () => string, opts: { rate: number; seconds: number; tag: string; maxInFlight?: number }): Promise<LoadStats> {
  const total = Math.round(opts.rate * opts.seconds);
  const maxInFlight = opts.maxInFlight ?? 400;
  const stats: LoadStats = { sent: 0, wamids: [], attempts: 0, refused: {}, retried: 0, achievedPerSecond: 0, abandoned: 0, acceptedAt: [] };
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  const one = async (i: number) => {
    const waId = `39348${String(1_000_000 + (i % 200)).padStart(7, "0")}`;
    const wamid = `wamid.FAULTS${RUN_ID}${opts.tag}${i}`;
    stats.wamids.push(wamid);
    const body = inboundWebhook(waId, wamid, `Fault ${opts.tag} message ${i}`);
    let delay = 200;
    const until = Date.now() + 150_000;
    for (let attempt = 1; ; attempt++) {
      stats.attempts++;
      const r = await postWebhook(baseUrl(), body, 10_000);
      if (typeof r === "number" && r >= 200 && r < 300) {
        stats.acceptedAt.push(Date.now());
        if (attempt > 1) stats.retried++;
        return;
      }
      stats.refused[String(r)] = (stats.refused[String(r)] ?? 0) + 1;
      if (Date.now() > until) {
        stats.abandoned++;
        return;
      }
      await sleep(delay);
      delay = Math.min(2_000, delay * 2);
    }
  };
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / opts.rate;
    const wait = due - Date.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const p = one(i).finally(() => inFlight.delete(p));
    inFlight.add(p);
    stats.sent++;
  }
  const offeredFor = (Date.now() - started) / 1000;
  await Promise.all(inFlight);
  stats.achievedPerSecond = stats.sent / Math.max(offeredFor, 0.001);
  return stats;
}

/** How many times each wamid is stored in `messages`: [stored once, duplicated, missing]. */
export async function storedOnce(databaseUrl: string, wamids: string[]): Promise<{ once: number; duplicated: number; missing: number }> {
  const rows = await query<{ provider_message_id: string; n: string }>(
    databaseUrl,
    `select provider_message_id, count(*)::text as n from messages where provider_message_id = any($1::text[]) group by provider_message_id`,
    [wamids],
  );
  const counts = new Map(rows.map((r) => [r.provider_message_id, Number(r.n)]));
  let once = 0;
  let duplicated = 0;
  let missing = 0;
  for (const w of wamids) {
    const n = counts.get(w) ?? 0;
    if (n === 1) once++;
    else if (n === 0) missing++;
    else duplicated++;
  }
  return { once, duplicated, missing };
}
