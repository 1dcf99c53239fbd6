import type http from "node:http";
// What every bench script needs of the server processes it starts: wait for them to answer,
// read their CPU time. Loopback only.
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const CLK_TCK = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** A process's CPU times in seconds from /proc/<pid>/stat (its own, and its reaped children's); null once it is gone. */
function procTimes(pid: number | string): { own: number; children: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ").map(Number);
    return { own: (f[11]! + f[12]!) / CLK_TCK, children: (f[13]! + f[14]!) / CLK_TCK };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (utime + stime from /proc). */
export function cpuSeconds(pid: number): number {
  return procTimes(pid)?.own ?? 0;
}

/**
 * CPU seconds used so far by every process named `comm` (e.g. all of PostgreSQL's), with the
 * children they have reaped: a backend that exits is counted in its postmaster's cutime/cstime, so
 * the sum only grows while connections come and go.
 */
export function commandCpuSeconds(comm: string): number {
  let sum = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    let name: string;
    try {
      name = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
    } catch {
      continue; // gone meanwhile
    }
    const t = name === comm ? procTimes(pid) : null;
    if (t) sum += t.own + t.children;
  }
  return sum;
}

/** The whole machine's CPU time so far, busy and total, in seconds summed over cores (/proc/stat). */
export function machineCpu(): { busy: number; total: number } {
  const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const v = fields.map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0); // idle + iowait
  return { busy: (total - idle) / CLK_TCK, total: total / CLK_TCK };
}

/** Until `url` answers below 500, or the server exits, or the timeout passes. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    await sleep(250);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * Signs in through next-auth's credentials flow (csrf, then the callback), as a browser would;
 * returns the Cookie header carrying the session.
 */
export async function signInCookie(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const jar = new Map<string, string>();
  const take = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(";")[0]!;
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${baseUrl}/inbox` }),
  });
  take(res);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return cookie();
}

export type SseFrame = { event: string; data: string; id?: string };

/** Reads an event stream, frame by frame. */
export function readSse(res: http.IncomingMessage, onFrame: (f: SseFrame) => void) {
  let buf = "";
  res.setEncoding("utf8");
  res.on("data", (chunk: string) => {
    buf += chunk;
    let end: number;
    while ((end = buf.indexOf("\n\n")) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const f: SseFrame = { event: "message", data: "" };
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (!line || line.startsWith(":")) continue;
        const i = line.indexOf(":");
        const field = i < 0 ? line : line.slice(0, i);
        const value = i < 0 ? "" : line.slice(i + 1).replace(/^ /, "");
        if (field === "event") f.event = value;
        else if (field === "data") data.push(value);
        else if (field === "id") f.id = value;
      }
      f.data = data.join("\n");
      if (data.length || f.event !== "message") onFrame(f);
    }
  });
}
