// Fault 4: SSE clients drop their connection and reconnect while messages keep arriving. The
// promise (lib/realtime/sse.ts, lib/client/live-sync.ts): what happened while disconnected is not
// replayed; after `ready` the client refetches, and every event published after `ready` reaches it.
// So, with the real endpoints: each reconnect's refetch holds every message of the gap, each
// connection gets every message created after its `ready` as a live event, in order and without
// holes (up to the drop; seq without gaps), and
// in the end every client has seen every message.
import { api, Checks, customerConversation, inboundWebhook, liveMessages, pct, postUntilAccepted, query, RUN_ID, signIn, sleep, SseClient, type App, type FaultResult } from "./harness";

type Connection = { readyAt: number; closedAt: number | null; live: Map<string, number>; seqs: number[]; resyncs: number };

export async function sseReconnect(ctx: { app: App; databaseUrl: string }): Promise<FaultResult> {
  const { app, databaseUrl } = ctx;
  const started = Date.now();
  const c = new Checks();
  const waId = "393480000004";
  const cookie = await signIn(app.url);
  const conversationId = await customerConversation(app, databaseUrl, waId, "Vorrei un rimborso");
  const CLIENTS = 3;
  const RATE = 20;
  const SECONDS = 16;
  const CYCLES = 4;

  type Client = { connections: Connection[]; seen: Set<string>; gapRecovered: number; sse?: SseClient };
  const clients: Client[] = Array.from({ length: CLIENTS }, () => ({ connections: [], seen: new Set(), gapRecovered: 0 }));
  const prefix = `SSE ${RUN_ID} `;

  const connect = async (cl: Client) => {
    const conn: Connection = { readyAt: 0, closedAt: null, live: new Map(), seqs: [], resyncs: 0 };
    const sse = new SseClient(app.url, cookie);
    await sse.open((f) => {
      if (f.event === "resync") conn.resyncs++;
      if (f.event !== "live") return;
      try {
        conn.seqs.push((JSON.parse(f.data) as { seq: number }).seq);
      } catch {
        /* counted as a hole below */
      }
      for (const m of liveMessages(f)) {
        if (m.text?.startsWith(prefix) && !conn.live.has(m.text)) conn.live.set(m.text, Date.now());
        if (m.text?.startsWith(prefix)) cl.seen.add(m.text);
      }
    });
    conn.readyAt = Date.now();
    cl.sse = sse;
    cl.connections.push(conn);
    // The client's part of the contract: refetch what it shows once `ready` has arrived.
    const page = await api<{ items: { text: string | null; createdAt: string }[] }>(app.url, cookie, "GET", `/api/conversations/${conversationId}/messages?limit=200`);
    const before = cl.seen.size;
    for (const m of page.body.items ?? []) if (m.text?.startsWith(prefix)) cl.seen.add(m.text);
    if (cl.connections.length > 1) cl.gapRecovered += cl.seen.size - before;
  };
  const drop = (cl: Client) => {
    cl.sse?.close();
    cl.connections.at(-1)!.closedAt = Date.now();
  };

  for (const cl of clients) await connect(cl);
  console.log(`  ${CLIENTS} clients; the customer writes ${RATE}/s for ${SECONDS} s; each client drops ${CYCLES}× for 1–1.5 s and reconnects`);

  // The customer writes: one signed webhook each, retried until accepted.
  const texts: string[] = [];
  const producer = (async () => {
    const t0 = Date.now();
    const pending: Promise<number>[] = [];
    for (let i = 0; i < RATE * SECONDS; i++) {
      const wait = t0 + (i * 1000) / RATE - Date.now();
      if (wait > 0) await sleep(wait);
      const text = `${prefix}${i}`;
      texts.push(text);
      pending.push(postUntilAccepted(app.url, inboundWebhook(waId, `wamid.FAULTS${RUN_ID}S${i}`, text)));
    }
    await Promise.all(pending);
  })();
  // Staggered drops: each client is up 2–3 s, then away 1–1.5 s.
  await Promise.all(
    clients.map(async (cl, k) => {
      await sleep(700 * k + 1_000);
      for (let n = 0; n < CYCLES; n++) {
        await sleep(2_000 + ((k * 331 + n * 197) % 1_000));
        drop(cl);
        await sleep(1_000 + ((k * 151 + n * 89) % 500));
        await connect(cl);
      }
    }),
  );
  await producer;
  await sleep(3_000); // the last messages' processing and events

  // When each message was committed, near enough: its webhook's processing time (the first
  // delivery's; a message's own created_at is the customer's WhatsApp timestamp, in whole seconds).
  const rows = await query<{ text: string; at: string }>(
    databaseUrl,
    `select m.text, (extract(epoch from min(e.processed_at)) * 1000)::bigint::text as at
       from messages m join webhook_events e on e.status = 'processed' and e.body like '%"' || m.provider_message_id || '"%'
      where m.conversation_id = $1 and m.text like $2 group by m.id, m.text`,
    [conversationId, `${prefix}%`],
  );
  const createdAt = new Map(rows.map((r) => [r.text, Number(r.at)]));
  c.check(rows.length === texts.length, `every message stored: ${rows.length}/${texts.length}`);

  let missedLive = 0;
  let holes = 0;
  let resyncs = 0;
  let reconnects = 0;
  const delays: number[] = [];
  const missingInEnd: number[] = [];
  for (const cl of clients) {
    reconnects += cl.connections.length - 1;
    for (const conn of cl.connections) {
      resyncs += conn.resyncs;
      conn.seqs.forEach((s, i) => {
        if (s !== i + 1) holes++;
      });
      // Events come in commit order (one process, one drain at a time: processed_at follows it).
      // So on each connection: everything created after its `ready` and up to the newest message
      // it received live came live too (no hole); on the last, still open one, everything after
      // `ready`. What was still in flight when a connection dropped is the next refetch's.
      const newest = Math.max(0, ...[...conn.live.keys()].map((t) => createdAt.get(t) ?? 0));
      const end = conn.closedAt === null ? Infinity : newest;
      for (const [text, at] of createdAt) {
        if (at < conn.readyAt || at > end) continue;
        const got = conn.live.get(text);
        if (got === undefined) missedLive++;
        else delays.push(got - at);
      }
    }
    missingInEnd.push(texts.filter((t) => !cl.seen.has(t)).length);
    cl.sse?.close();
  }
  const recovered = clients.reduce((s, cl) => s + cl.gapRecovered, 0);
  c.check(missingInEnd.every((n) => n === 0), `every client saw every message (live or by the refetch after \`ready\`): missing ${missingInEnd.join(", ")}`);
  c.check(missedLive === 0, `on every connection, every message after \`ready\` up to the newest it received (all, on the open ones) came live: ${missedLive} missed`);
  c.check(holes === 0, `live frames numbered without holes (seq): ${holes} holes`);
  c.check(recovered > 0, `the refetches after reconnecting brought the gaps' messages: ${recovered}`);
  const figures = `${texts.length} messages, ${CLIENTS} clients, ${reconnects} drops + reconnects (${resyncs} resync frames); ${recovered} gap messages recovered by the refetch after \`ready\`; ${delays.length} live deliveries checked, ${missedLive} missed, processed → received p50 ${pct(delays, 50)} ms / p99 ${pct(delays, 99)} ms; every client complete: ${missingInEnd.every((n) => n === 0) ? "yes" : "no"}`;
  return { name: "SSE drop and reconnect", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
}
