// Fault 6: web and worker processes (`server.mjs --role web|worker`, docs/scaling.md). Webhooks
// posted to the web process are answered and stored there and processed by the worker alone:
// with the worker stopped they wait, stored and pending; once it starts they reach the inbox. The
// worker killed -9 under load and started again loses and duplicates nothing.
import { awaitProcessed } from "./drain";
import { Checks, pct, postUntilAccepted, inboundWebhook, query, RUN_ID, runLoad, sleep, type App, type FaultResult } from "./harness";

/** Webhook → inbox (processed_at − received_at) of one tag's deliveries, in ms. */
async function lagOf(databaseUrl: string, tag: string): Promise<number[]> {
  const rows = await query<{ ms: string }>(
    databaseUrl,
    `select (extract(epoch from processed_at - received_at) * 1000)::text as ms from webhook_events where body like $1 and processed_at is not null`,
    [`%FAULTS${RUN_ID}${tag}%`],
  );
  return rows.map((r) => Number(r.ms));
}

async function pendingOf(databaseUrl: string, tag: string): Promise<{ total: number; pending: number }> {
  const [r] = await query<{ total: string; pending: string }>(
    databaseUrl,
    `select count(*)::text as total, count(*) filter (where status = 'pending')::text as pending from webhook_events where body like $1`,
    [`%FAULTS${RUN_ID}${tag}%`],
  );
  return { total: Number(r?.total ?? 0), pending: Number(r?.pending ?? 0) };
}

export async function webAndWorker(ctx: { others: App[]; web: App; worker: App; databaseUrl: string; rate: number; seconds: number }): Promise<FaultResult> {
  const { web, worker, databaseUrl, rate, seconds } = ctx;
  const started = Date.now();
  const c = new Checks();
  // Processes of role `all` would process the rows too: only the web and the worker run here.
  for (const other of ctx.others) await other.stop();
  try {
    const [webMs, workerMs] = await Promise.all([web.start(), worker.start()]);
    console.log(`  web on ${web.url} (ready in ${webMs} ms), worker ready in ${workerMs} ms`);

    // 1. Steady traffic: the web process stores and wakes the worker, which processes.
    const steady = await runLoad(() => web.url, { rate: 50, seconds: 4, tag: "RA" });
    const a = await awaitProcessed(databaseUrl, steady, { tag: "RA", loadDone: Date.now() });
    const lag = await lagOf(databaseUrl, "RA");
    c.check(a.stored.missing === 0 && a.stored.duplicated === 0 && a.deliveries.pending === 0, `steady load through the web process: ${a.stored.once}/${steady.sent} in the inbox once, ${a.deliveries.pending} pending`);

    // 2. No worker: the web process answers and stores, and processes nothing.
    await worker.stop();
    const held = 20;
    await Promise.all(Array.from({ length: held }, (_, i) => postUntilAccepted(web.url, inboundWebhook("393480000031", `wamid.FAULTS${RUN_ID}RB${i}`, `Held ${i}`))));
    await sleep(3_000); // longer than a processor's poll (2 s): a processor in the web process would have run
    const waiting = await pendingOf(databaseUrl, "RB");
    c.check(waiting.total === held && waiting.pending === held, `worker stopped: ${waiting.total} of ${held} webhooks stored and answered, ${waiting.pending} left pending by the web process`);
    const restartMs = await worker.start();
    const heldIds = Array.from({ length: held }, (_, i) => `wamid.FAULTS${RUN_ID}RB${i}`);
    await awaitProcessed(databaseUrl, { wamids: heldIds, refused: {} }, { tag: "RB", loadDone: Date.now() });
    const afterRestart = await pendingOf(databaseUrl, "RB");
    c.check(afterRestart.pending === 0, `worker started again (${restartMs} ms): ${held - afterRestart.pending} of ${held} processed`);

    // 3. The worker killed -9 under load, started again at once.
    console.log(`  ${rate} messages/s for ${seconds} s to the web process; the worker killed -9 after ${Math.round(seconds * 0.4)} s`);
    const load = runLoad(() => web.url, { rate, seconds, tag: "RC" });
    await sleep(seconds * 400);
    await worker.kill9();
    const restart2 = await worker.start();
    const stats = await load;
    const r = await awaitProcessed(databaseUrl, stats, { tag: "RC", loadDone: Date.now() });
    c.check(stats.abandoned === 0 && stats.retried === 0, `the web process answered every delivery while the worker died: ${stats.sent - stats.abandoned}/${stats.sent}, ${stats.retried} retried`);
    c.check(r.stored.missing === 0, `no message lost: ${r.stored.missing} missing of ${stats.sent}`);
    c.check(r.stored.duplicated === 0, `none stored twice: ${r.stored.duplicated} duplicated`);
    c.check(r.deliveries.pending === 0, `every stored webhook processed: ${r.deliveries.pending} pending of ${r.deliveries.total}`);

    const figures = `web + worker: ${steady.sent} messages at 50/s, webhook → inbox p50 ${Math.round(pct(lag, 50))} ms, p99 ${Math.round(pct(lag, 99))} ms; worker stopped: ${held}/${held} answered and left pending, processed after its restart (${restartMs} ms); ${stats.sent} at ${rate}/s with the worker killed -9 (back in ${restart2} ms): ${r.stored.once} stored once, ${r.stored.duplicated} duplicated, ${r.stored.missing} lost, all in the inbox ${r.drainS.toFixed(1)} s after the load`;
    return { name: "Web and worker processes", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
  } finally {
    await Promise.all([web.stop(), worker.stop()]);
  }
}
