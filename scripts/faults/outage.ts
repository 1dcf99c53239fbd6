// Fault 2: the Graph API answers 500 ("temporarily unavailable") for a phase, then 429 (rate
// limit, code 4) for another. An agent keeps replying through the API meanwhile; once Graph
// answers again every reply must be sent within 10 s of the outage's end (the outbox probes Graph
// and wakes the queue: lib/messages/outage-watch.ts), and reach the customer exactly once.
import { api, Checks, customerConversation, query, RUN_ID, signIn, sleep, type App, type FaultResult } from "./harness";

const TARGET_S = 10;

export async function graphOutage(ctx: { app: App; databaseUrl: string; phaseSeconds: number }): Promise<FaultResult> {
  const { app, databaseUrl, phaseSeconds } = ctx;
  const started = Date.now();
  const c = new Checks();
  // Four customers, the replies round-robin: the outbox sends a conversation's replies one after
  // the other (in the order written) and conversations in parallel, as in a real outage.
  const waIds = ["393480000021", "393480000022", "393480000023", "393480000024"];
  const cookie = await signIn(app.url);
  const conversationIds: string[] = [];
  for (const waId of waIds) conversationIds.push(await customerConversation(app, databaseUrl, waId, "Il mio volo è cancellato?"));
  const fake = (p: string) => `${app.url}/api/fake-graph/_fake${p}`;
  const outage = async (kind: 500 | 429, seconds: number) => {
    const res = await fetch(fake("/outage"), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ kind, seconds }) });
    if (res.status !== 201) throw new Error(`the fake refused the outage: ${res.status} ${await res.text()}`);
    return Date.parse(((await res.json()) as { outage: { until: string } }).outage.until);
  };

  // One reply every 2 s through both phases.
  const texts: string[] = [];
  const reply = async (i: number) => {
    const text = `Outage ${RUN_ID} reply ${i}`;
    texts.push(text);
    const res = await api<{ message?: { id: string } }>(app.url, cookie, "POST", `/api/conversations/${conversationIds[i % conversationIds.length]}/messages`, { text, clientMessageId: `faults-${RUN_ID}-outage-${i}` });
    if (res.status !== 201) throw new Error(`reply ${i} answered ${res.status}: ${JSON.stringify(res.body)}`);
  };
  console.log(`  Graph answers 500 for ${phaseSeconds} s, then 429 for ${phaseSeconds} s; a reply every 2 s until 6 s before the end`);
  // The 500 phase is asked for longer than it lasts: the 429 phase replaces it, with no gap between.
  await outage(500, phaseSeconds + 30);
  const phaseStart = Date.now();
  const switched = sleep(phaseSeconds * 1000).then(() => outage(429, phaseSeconds));
  let i = 0;
  // The last reply comes 6 s before the end: recovery must not ride on a fresh reply's first retry
  // (3–6 s), it has to come from the outbox noticing that Graph answers again.
  while (Date.now() - phaseStart < phaseSeconds * 2000 - 6_000) {
    await reply(i++);
    await sleep(2_000);
  }
  const end = await switched;
  const during = await query<{ status: string; n: string }>(databaseUrl, `select status::text, count(*)::text as n from messages where conversation_id = any($1::uuid[]) and client_message_id like $2 group by status`, [conversationIds, `faults-${RUN_ID}-outage-%`]);
  const sentDuring = during.filter((r) => r.status !== "queued").reduce((n, r) => n + Number(r.n), 0);
  console.log(`  before the end: ${during.map((r) => `${r.n} ${r.status}`).join(", ")}`);
  const wait = end - Date.now();
  if (wait > 0) await sleep(wait);
  console.log("  Graph answers again");

  // Until every reply is sent (or failed for good), at most 90 s.
  type Row = { client_message_id: string; status: string; sent_at: string | null; send_attempts: number };
  let rows: Row[] = [];
  let allSentAt: number | null = null;
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    rows = await query<Row>(databaseUrl, `select client_message_id, status::text, sent_at::text, send_attempts from messages where conversation_id = any($1::uuid[]) and client_message_id like $2`, [conversationIds, `faults-${RUN_ID}-outage-%`]);
    if (rows.length === texts.length && rows.every((r) => r.status !== "queued" && r.status !== "sending")) {
      allSentAt = Date.now();
      break;
    }
    await sleep(100);
  }
  const sent = rows.filter((r) => ["sent", "delivered", "read"].includes(r.status));
  const lastSentAt = Math.max(...sent.map((r) => (r.sent_at ? Date.parse(r.sent_at) : 0)));
  const afterEndS = allSentAt === null ? Infinity : Math.max(0, (Math.max(lastSentAt, 0) || allSentAt) - end) / 1000;
  const attempts = rows.reduce((s, r) => s + Number(r.send_attempts), 0);

  const counts = new Map<string, number>();
  for (const waId of waIds) {
    const inbox = (await (await fetch(fake(`/customers/${waId}/inbox`))).json()) as { data: { content: { body?: string } }[] };
    for (const m of inbox.data) if (m.content.body) counts.set(m.content.body, (counts.get(m.content.body) ?? 0) + 1);
  }
  const once = texts.filter((t) => counts.get(t) === 1).length;
  const twice = texts.filter((t) => (counts.get(t) ?? 0) > 1).length;
  const missing = texts.filter((t) => !counts.has(t)).length;

  c.check(sentDuring === 0, `none went out while Graph was down: ${sentDuring}`);
  c.check(sent.length === texts.length, `every reply sent: ${sent.length}/${texts.length} (${rows.filter((r) => !sent.includes(r)).map((r) => r.status).join(", ") || "none other"})`);
  c.check(afterEndS <= TARGET_S, `the last one sent ${afterEndS.toFixed(1)} s after the outage ended (target ≤ ${TARGET_S} s)`);
  c.check(once === texts.length, `each reached the customer exactly once: ${once} once, ${twice} more than once, ${missing} never`);
  const figures = `${texts.length} replies to ${waIds.length} customers queued during ${phaseSeconds} s of 500 + ${phaseSeconds} s of 429 (${attempts} send attempts in all); all sent ${Number.isFinite(afterEndS) ? `${afterEndS.toFixed(1)} s` : "never (90 s limit)"} after the outage ended (target ≤ ${TARGET_S} s); ${once}/${texts.length} delivered exactly once`;
  return { name: "Graph API 500 then 429", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
}
