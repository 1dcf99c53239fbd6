// Fault 3: PostgreSQL crashes and restarts (`pg_ctl restart -m immediate`, default durability)
// while webhooks flow. The app is not restarted: its pool reconnects, the LISTEN connection
// re-subscribes (open SSE streams get `resync`, then live events again), pg-boss keeps sending,
// and every webhook that got a 2xx is stored and processed, once.
import { api, Checks, customerConversation, inboundWebhook, liveMessages, postUntilAccepted, query, RUN_ID, runLoad, signIn, sleep, SseClient, waitFor, type App, type FaultResult, type Postgres } from "./harness";
import { awaitProcessed } from "./drain";

export async function postgresCrash(ctx: { app: App; pg: Postgres; rate: number; seconds: number }): Promise<FaultResult> {
  const { app, pg, rate, seconds } = ctx;
  const databaseUrl = pg.url;
  const started = Date.now();
  const c = new Checks();
  const pid = app.pid;
  const cookie = await signIn(app.url);
  const waId = "393480000003";
  const conversationId = await customerConversation(app, databaseUrl, waId, "Posso cambiare il posto?");
  const sse = new SseClient(app.url, cookie);
  await sse.open();

  console.log(`  ${rate} messages/s for ${seconds} s; PostgreSQL crash-restart (immediate) after ${Math.round(seconds / 3)} s`);
  const load = runLoad(() => app.url, { rate, seconds, tag: "P" });
  await sleep((seconds * 1000) / 3);
  const crashAt = Date.now();
  await pg.crashRestart();
  const pgBackMs = Date.now() - crashAt;
  console.log(`  PostgreSQL accepts connections again after ${(pgBackMs / 1000).toFixed(1)} s`);
  const stats = await load;
  const { stored: r, drainS, deliveries, refused } = await awaitProcessed(databaseUrl, stats, { tag: "P", loadDone: Date.now() });
  c.check(pid !== undefined && app.pid === pid && app.running(), "the app process was not restarted (same pid, still running)");
  c.check(stats.abandoned === 0, `the sender got a 2xx for every message (${stats.sent - stats.abandoned}/${stats.sent}; retried ${stats.retried}; failed attempts: ${refused})`);
  c.check(r.missing === 0, `every acknowledged message stored: ${r.missing} missing of ${stats.sent}`);
  c.check(r.duplicated === 0, `none stored twice: ${r.duplicated} duplicated`);
  c.check(deliveries.pending === 0, `every stored webhook processed: ${deliveries.pending} pending of ${deliveries.total}`);

  // LISTEN came back: the stream opened before the crash was told to resync, and hears new messages.
  const resynced = sse.frames.some((f) => f.event === "resync" && f.at >= crashAt);
  c.check(resynced, "the SSE stream opened before the crash got `resync` (the LISTEN connection reconnected)");
  const probeText = `After the crash ${RUN_ID}`;
  const t0 = Date.now();
  await postUntilAccepted(app.url, inboundWebhook(waId, `wamid.FAULTS${RUN_ID}PROBE`, probeText));
  const heard = await waitFor("the live event of a new message", 15_000, async () => sse.frames.some((f) => liveMessages(f).some((m) => m.text === probeText))).catch(() => false);
  c.check(heard, `a message after the crash reached that stream live${heard ? ` (${Date.now() - t0} ms)` : ""}`);
  sse.close();

  // pg-boss came back: a reply is sent.
  const t1 = Date.now();
  const res = await api<{ message?: { id: string } }>(app.url, cookie, "POST", `/api/conversations/${conversationId}/messages`, { text: `Reply after the crash ${RUN_ID}`, clientMessageId: `faults-${RUN_ID}-pgcrash` });
  const replySent = res.status === 201 && (await waitFor("the reply sent", 20_000, async () => {
    const [row] = await query<{ status: string }>(databaseUrl, `select status::text from messages where client_message_id = $1`, [`faults-${RUN_ID}-pgcrash`]);
    return row && row.status !== "queued" ? row.status : undefined;
  }).catch(() => "queued")) !== "queued";
  c.check(replySent, `a reply after the crash was sent by the outbox (pg-boss)${replySent ? ` in ${Date.now() - t1} ms` : `: ${res.status}`}`);

  const figures = `${stats.sent} messages offered at ${rate}/s; PostgreSQL down ${(pgBackMs / 1000).toFixed(1)} s (crash recovery included); ${stats.retried} messages retried (${refused}); ${r.once}/${stats.sent} stored exactly once, ${r.missing} lost; all processed ${drainS.toFixed(1)} s after the load ended; app not restarted, SSE resync ${resynced ? "yes" : "no"}, live events ${heard ? "yes" : "no"}, outbox ${replySent ? "yes" : "no"}`;
  return { name: "PostgreSQL crash-restart under load", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
}
