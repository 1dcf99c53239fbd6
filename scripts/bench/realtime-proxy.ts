// A counting reverse proxy on loopback for bench:realtime. Every client (headless tabs and the
// browser windows) talks to the app through it, so the requests a change causes are counted
// where the server sees them, whoever sent them. Responses are piped as they come (SSE streams).
import http from "node:http";

/** Who sent a request: the `x-bench-client` header ("tabs", "w1", "w2"), else "other". */
export type Tally = Map<string, number>;

export type CountingProxy = {
  url: string;
  /** Requests started so far, by client, excluding the long-lived event streams. */
  snapshot(): Tally;
  /** Requests started so far, all clients, event streams included (to wait for quiet). */
  total(): number;
  /** Milliseconds since the last request started or ended. */
  quietFor(): number;
  /** Paths seen since the last call, for the log (`--verbose`). */
  drainPaths(): Map<string, number>;
  close(): Promise<void>;
};

export async function startCountingProxy(opts: { port: number; target: { host: string; port: number } }): Promise<CountingProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const counts: Tally = new Map();
  const paths = new Map<string, number>();
  let all = 0;
  let lastActivity = performance.now();
  let inFlight = 0;

  const server = http.createServer((req, res) => {
    const client = String(req.headers["x-bench-client"] ?? "other");
    const path = (req.url ?? "/").split("?")[0]!;
    all++;
    inFlight++;
    lastActivity = performance.now();
    if (path !== "/api/events") counts.set(client, (counts.get(client) ?? 0) + 1);
    const key = `${req.method} ${path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id")}`;
    paths.set(key, (paths.get(key) ?? 0) + 1);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight--;
      lastActivity = performance.now();
    };
    const up = http.request(
      { host: opts.target.host, port: opts.target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        // An event stream counts as finished once its headers are through: it stays open for good.
        if (path === "/api/events") finish();
        upRes.pipe(res);
        upRes.on("end", finish);
      },
    );
    up.on("error", () => {
      finish();
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    res.on("close", () => {
      finish();
      up.destroy();
    });
    req.pipe(up);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(opts.port, "127.0.0.1", resolve));

  return {
    url: `http://127.0.0.1:${opts.port}`,
    snapshot: () => new Map(counts),
    total: () => all,
    quietFor: () => (inFlight > 0 ? 0 : performance.now() - lastActivity),
    drainPaths() {
      const copy = new Map(paths);
      paths.clear();
      return copy;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

/** b − a, per client. */
export function diffTally(a: Tally, b: Tally): Tally {
  const out: Tally = new Map();
  for (const [k, v] of b) {
    const d = v - (a.get(k) ?? 0);
    if (d) out.set(k, d);
  }
  return out;
}
