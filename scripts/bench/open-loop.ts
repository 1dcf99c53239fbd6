// An open-loop load generator: requests leave at a constant rate whatever the server does, and
// each latency is measured from when its request was DUE, not when it left (no coordinated
// omission). autocannon's `overallRate` sends each second's quota in a burst at the top of the
// second, which reports queueing the client made, so it is only used for the closed-loop phase.
//
// It shares the machine with the server it measures, so it is built to cost little: every
// request (signed body and headers) is serialized to bytes before the clock starts, and sent
// over raw keep-alive sockets with a minimal HTTP/1.1 response reader instead of node:http's
// client (which cost ≈ 0.45 of the 2 cores at 4,000 requests/s; BENCHMARKS.md). Meta's
// delivery servers are not on the customer's machine; the less of the cores this takes, the
// closer the figures are to what the app can do.
import net from "node:net";

export type LoadResult = { rps: number; p50: number; p99: number; max: number; ok: number; other: number; errors: number };

type Conn = { socket: net.Socket; chunks: Buffer[]; size: number; due: number; sentAt: number; busy: boolean };

const HEADER_END = Buffer.from("\r\n\r\n");
const CHUNKED_END = Buffer.from("0\r\n\r\n");

export async function runOpenLoop(
  url: string,
  opts: { rate: number; durationS: number; makeRequest: () => { body: string; headers: Record<string, string> }; maxInFlight?: number; maxConnections?: number },
): Promise<LoadResult> {
  const target = new URL(url);
  const port = Number(target.port || 80);
  const maxInFlight = opts.maxInFlight ?? 4_000;
  const maxConnections = opts.maxConnections ?? 256;
  const total = Math.round(opts.rate * opts.durationS);

  const wire: Buffer[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const { body, headers } = opts.makeRequest();
    const payload = Buffer.from(body);
    let head = `POST ${target.pathname}${target.search} HTTP/1.1\r\nhost: ${target.host}\r\nconnection: keep-alive\r\ncontent-length: ${payload.length}\r\n`;
    for (const [k, v] of Object.entries(headers)) head += `${k}: ${v}\r\n`;
    wire[i] = Buffer.concat([Buffer.from(`${head}\r\n`), payload]);
  }

  const latencies: number[] = [];
  let ok = 0;
  let other = 0;
  let errors = 0;
  let inFlight = 0;
  let sent = 0;
  let open = 0;
  const idle: Conn[] = [];
  const waiting: { i: number; due: number }[] = [];
  let waitingHead = 0;
  const live = new Set<Conn>();
  let stopped = false;

  const finish = (c: Conn) => {
    inFlight--;
    c.busy = false;
    const next = waitingHead < waiting.length ? waiting[waitingHead++]! : undefined;
    if (next) send(c, next.i, next.due);
    else idle.push(c);
  };
  const drop = (c: Conn) => {
    if (!live.delete(c)) return;
    open--;
    const at = idle.indexOf(c);
    if (at >= 0) idle.splice(at, 1);
    if (c.busy) {
      c.busy = false;
      inFlight--;
      errors++;
    }
    c.socket.destroy();
    // Requests queued for a connection get a new one in its place.
    if (waitingHead < waiting.length && open < maxConnections && !stopped) {
      const next = waiting[waitingHead++]!;
      send(connect(), next.i, next.due);
    }
  };
  const onData = (c: Conn, chunk: Buffer) => {
    c.chunks.push(chunk);
    c.size += chunk.length;
    const buf = c.chunks.length === 1 ? c.chunks[0]! : Buffer.concat(c.chunks, c.size);
    const headerEnd = buf.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = buf.toString("latin1", 0, headerEnd).toLowerCase();
    const length = /\r\ncontent-length:\s*(\d+)/.exec(head);
    const bodyStart = headerEnd + 4;
    let end: number;
    if (length) end = bodyStart + Number(length[1]);
    else if (head.includes("transfer-encoding: chunked")) {
      const at = buf.indexOf(CHUNKED_END, bodyStart);
      if (at < 0) return;
      end = at + CHUNKED_END.length;
    } else end = bodyStart;
    if (buf.length < end) {
      c.chunks = [buf];
      return;
    }
    const status = Number(buf.toString("latin1", 9, 12));
    c.chunks = buf.length > end ? [buf.subarray(end)] : [];
    c.size = buf.length - end;
    latencies.push(performance.now() - c.due);
    if (status >= 200 && status < 300) ok++;
    else other++;
    if (head.includes("\r\nconnection: close")) {
      c.busy = false;
      inFlight--;
      drop(c);
      return;
    }
    finish(c);
  };
  const connect = (): Conn => {
    const socket = net.connect({ host: target.hostname, port, noDelay: true });
    const c: Conn = { socket, chunks: [], size: 0, due: 0, sentAt: 0, busy: false };
    live.add(c);
    open++;
    socket.on("data", (chunk) => onData(c, chunk));
    socket.on("error", () => drop(c));
    socket.on("close", () => drop(c));
    return c;
  };
  const send = (c: Conn, i: number, due: number) => {
    c.busy = true;
    c.due = due;
    c.sentAt = performance.now();
    c.socket.write(wire[i]!);
  };
  const fire = (i: number, due: number) => {
    if (inFlight >= maxInFlight) {
      errors++; // the server is this far behind: count it, do not pile on
      return;
    }
    inFlight++;
    const c = idle.pop() ?? (open < maxConnections ? connect() : undefined);
    if (c) send(c, i, due);
    else waiting.push({ i, due });
  };
  // A request unanswered for 10 s is an error, and its connection is not reused.
  const sweeper = setInterval(() => {
    const now = performance.now();
    for (const c of live) if (c.busy && now - c.sentAt > 10_000) drop(c);
    // Requests queued for a connection past their 10 s are errors too.
    while (waitingHead < waiting.length && now - waiting[waitingHead]!.due > 10_000) {
      waitingHead++;
      inFlight--;
      errors++;
    }
  }, 250);

  const start = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed / 1000) * opts.rate));
      for (; sent < due; sent++) fire(sent, start + (sent * 1000) / opts.rate);
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
  clearInterval(sweeper);
  stopped = true;
  for (const c of [...live]) drop(c);
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
