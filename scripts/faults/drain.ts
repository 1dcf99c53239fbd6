// After a webhook load under a fault: wait until every accepted message is processed into the
// inbox (stored is not processed yet), then say how it went. Shared by kill -9 and PG crash.
import { query, RUN_ID, storedOnce, waitFor, type LoadStats } from "./harness";

export type Drained = {
  /** Each offered message: stored once, twice, or not at all. */
  stored: { once: number; duplicated: number; missing: number };
  /** Seconds from the load's end until everything was in the inbox (or the wait gave up). */
  drainS: number;
  /** Webhook deliveries of this load (repeats included) and those not processed. */
  deliveries: { total: number; pending: number };
  /** The sender's failed attempts, as "503×12, ECONNREFUSED×3", or "none". */
  refused: string;
};

export async function awaitProcessed(databaseUrl: string, stats: Pick<LoadStats, "wamids" | "refused">, { tag, loadDone }: { tag: string; loadDone: number }): Promise<Drained> {
  let stored = await storedOnce(databaseUrl, stats.wamids);
  await waitFor("every message processed", 90_000, async () => {
    stored = await storedOnce(databaseUrl, stats.wamids);
    return stored.missing === 0 || stored.duplicated > 0;
  }, 500).catch(() => undefined);
  const drainS = (Date.now() - loadDone) / 1000;
  const [events] = await query<{ total: string; pending: string }>(
    databaseUrl,
    `select count(*)::text as total, count(*) filter (where status <> 'processed')::text as pending from webhook_events where body like $1`,
    [`%FAULTS${RUN_ID}${tag}%`],
  );
  const refused = Object.entries(stats.refused).map(([k, v]) => `${k}×${v}`).join(", ") || "none";
  return { stored, drainS, deliveries: { total: Number(events?.total ?? 0), pending: Number(events?.pending ?? 0) }, refused };
}
