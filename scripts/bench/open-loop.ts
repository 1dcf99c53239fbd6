// An open-loop load generator: requests leave at a constant rate whatever the server does, and
// each latency is measured from when its request was DUE, not when it left (no coordinated
// omission). autocannon's `overallRate` sends each second's quota in a burst at the top of the
// second, which reports queueing the client made, so it is only used for the closed-loop phase.
import http from "node:http";

export type LoadResult = { rps: number; p50: number; p99: number; max: number; ok: number; other: number; errors: number };

export async function runOpenLoop(
  url: string,
  opts: { rate: number; durationS: number; makeRequest: () => { body: string; headers: Record<string, string> }; maxInFlight?: number },
): Promise<LoadResult> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const maxInFlight = opts.maxInFlight ?? 4_000;
  const total = Math.round(opts.rate * opts.durationS);
  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  let errors = 0;
  let inFlight = 0;
  let sent = 0;
  const start = performance.now();

  const fire = (due: number) => {
    if (inFlight >= maxInFlight) {
      errors++; // the server is this far behind: count it, do not pile on
      return;
    }
    inFlight++;
    const { body, headers } = opts.makeRequest();
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) }, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on("end", () => {
          inFlight--;
          latencies.push(performance.now() - due);
          if (res.statusCode && res.statusCode >= 200 && res.statusCode < 300) ok++;
          else other++;
        });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => {
      inFlight--;
      errors++;
    });
    req.end(body);
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed / 1000) * opts.rate));
      for (; sent < due; sent++) fire(start + (sent * 1000) / opts.rate);
      // A timer, not setImmediate: an immediate re-queued forever spins this process at 100 % of a
      // core between sends, taken from the server it shares the machine with. Requests due within
      // the millisecond leave together; latency is counted from each one's due time regardless.
      if (sent < total) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  const sendEnded = performance.now();
  const until = Date.now() + 15_000;
  while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]! * 10) / 10 : 0);
  return {
    rps: (ok + other) / ((sendEnded - start) / 1000),
    p50: pct(50),
    p99: pct(99),
    max: Math.round(latencies.at(-1) ?? 0),
    ok,
    other,
    errors: errors + inFlight,
  };
}
