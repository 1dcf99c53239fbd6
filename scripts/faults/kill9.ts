// Fault 1: kill -9 under sustained webhook load. A sender posts signed inbound messages at a
// steady rate and retries each until it gets a 2xx (as Meta does); mid-load the app is killed
// with SIGKILL and started again. Every message must end up stored exactly once (by wamid).
import { Checks, sleep, runLoad, type App, type FaultResult } from "./harness";
import { awaitProcessed } from "./drain";

/** `cluster`: the load goes through the balancer while one app behind it is killed. */
export async function killDuringLoad(ctx: { app: App; databaseUrl: string; rate: number; seconds: number; cluster?: boolean }): Promise<FaultResult> {
  const { app, databaseUrl, rate, seconds, cluster = false } = ctx;
  const started = Date.now();
  const c = new Checks();
  console.log(`  ${rate} messages/s for ${seconds} s; kill -9 after ${Math.round(seconds * 0.4)} s, restart at once`);
  const load = runLoad(() => app.url, { rate, seconds, tag: "K" });
  await sleep(seconds * 400);
  const killedAt = Date.now();
  await app.kill9();
  const restartMs = await app.start();
  console.log(`  killed; the new server answered /login ${((Date.now() - killedAt) / 1000).toFixed(1)} s later (start ${restartMs} ms)`);
  const stats = await load;
  // Down: from the kill until the new process listens (nothing can be accepted before).
  const downMs = (app.listeningAt ?? killedAt) - killedAt;
  const beforeKill = stats.acceptedAt.filter((t) => t <= killedAt).length;
  // Stored (2xx) is not processed yet: wait for processing into messages.
  const { stored: r, drainS, deliveries, refused } = await awaitProcessed(databaseUrl, stats, { tag: "K", loadDone: Date.now() });
  c.check(stats.abandoned === 0, `the sender got a 2xx for every message (${stats.sent - stats.abandoned}/${stats.sent}; retried ${stats.retried}; failed attempts: ${refused})`);
  c.check(r.missing === 0, `no message lost: ${r.missing} missing of ${stats.sent}`);
  c.check(r.duplicated === 0, `none stored twice: ${r.duplicated} duplicated (${deliveries.total - stats.sent} deliveries were repeated after the kill)`);
  c.check(deliveries.pending === 0, `every stored webhook processed: ${deliveries.pending} pending of ${deliveries.total}`);
  const figures = `${stats.sent} messages offered at ${rate}/s (${beforeKill} accepted before the kill, ${Math.round(beforeKill / ((killedAt - started) / 1000))}/s); killed after ${((killedAt - started) / 1000).toFixed(1)} s, ${cluster ? `${app.name} of 3 down for ${(downMs / 1000).toFixed(1)} s behind HAProxy (kill → it listens again)` : `webhooks refused for ${(downMs / 1000).toFixed(1)} s (kill → the new process listens)`}; ${stats.retried} messages retried (${refused}); ${r.once}/${stats.sent} stored exactly once, ${r.duplicated} duplicated, ${r.missing} lost; all in the inbox ${drainS.toFixed(1)} s after the load ended`;
  return { name: "kill -9 under webhook load", passed: c.failures.length === 0, seconds: (Date.now() - started) / 1000, figures, failures: c.failures };
}
