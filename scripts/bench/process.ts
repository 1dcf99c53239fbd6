// npm run bench:process — how fast stored webhook notifications become messages and ticks,
// without HTTP: N signed-off events (¼ inbound texts, ¾ statuses of our stored messages) are
// stored, then drained with processPendingWebhookEvents at several batch sizes, on PGlite (on
// disk, as the app runs it) and on PostgreSQL (throwaway cluster on :55471, or
// BENCH_DATABASE_URL). Bounded: ≤ 20,000 events per run. Writes its section of BENCHMARKS.md.
//   --events N        events per run (default 6000)
//   --batches 1,10,100
//   --only pglite,postgres
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { openDatabase } from "../../lib/db/connect";
import type { Database } from "../../lib/db/types";
import { processPendingWebhookEvents } from "@/lib/ingest/process-webhook";
import { storeWebhookEvents } from "../../lib/whatsapp/store-webhook";
import { writeBenchmarkSection } from "./report";

const ROOT = path.resolve(import.meta.dirname, "../..");
const PHONE_NUMBER_ID = "106540352242922";

const { values: args } = parseArgs({
  options: { events: { type: "string", default: "6000" }, batches: { type: "string", default: "1,10,100" }, only: { type: "string", default: "pglite,postgres" } },
});
const EVENTS = Math.min(20_000, Math.max(100, Number(args.events) || 6000));
const BATCHES = args.batches.split(",").map(Number).filter((n) => Number.isInteger(n) && n > 0 && n <= 1000);
const ONLY = new Set(args.only.split(","));

function notifications(runId: string): string[] {
  const ts = Math.floor(Date.now() / 1000).toString();
  const metadata = { display_phone_number: "15550001234", phone_number_id: PHONE_NUMBER_ID };
  return Array.from({ length: EVENTS }, (_, i) => {
    const customer = `39347${String(100000 + (i % 1000)).padStart(7, "0")}`;
    const value =
      i % 4 === 0
        ? { messaging_product: "whatsapp", metadata, contacts: [{ profile: { name: `Cliente ${i % 1000}` }, wa_id: customer }], messages: [{ from: customer, id: `wamid.${runId}IN${i}`, timestamp: ts, type: "text", text: { body: `Il volo AZ${i % 900} è confermato?` } }] }
        : { messaging_product: "whatsapp", metadata, statuses: [{ id: `wamid.${runId}OUT${i >> 2}`, status: ["sent", "delivered", "read"][(i % 4) - 1], timestamp: ts, recipient_id: customer }] };
    return JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "102290129340398", changes: [{ field: "messages", value }] }] });
  });
}

async function prepare(database: Database, runId: string) {
  await database.migrate();
  await database.query(`insert into workspaces (id, name, verified_name) values ('00000000-0000-4000-8000-000000000001', 'Bench', 'Bench')`);
  await database.query(
    `insert into channels (id, workspace_id, phone_number_id, display_phone_number, verified_name)
     values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', '${PHONE_NUMBER_ID}', '+39 06 0000', 'Bench')`,
  );
  // 200 earlier customers with a conversation each, holding the messages the statuses are about.
  await database.query(
    `insert into contacts (workspace_id, wa_id, phone) select '00000000-0000-4000-8000-000000000001', '39300' || k, '39300' || k from generate_series(1, 200) k`,
  );
  await database.query(
    `insert into conversations (workspace_id, contact_id, channel_id, last_message_at)
     select workspace_id, id, '00000000-0000-4000-8000-000000000002', now() from contacts`,
  );
  await database.query(
    `with convs as (select id, row_number() over (order by id) - 1 as n, count(*) over () as total from conversations)
     insert into messages (workspace_id, conversation_id, channel_id, direction, author_type, kind, text, provider_message_id, status, sent_at)
     select '00000000-0000-4000-8000-000000000001', c.id, '00000000-0000-4000-8000-000000000002', 'outbound', 'agent', 'text', 'Confermato.', 'wamid.${runId}OUT' || k, 'sent', now()
       from generate_series(0, ${Math.ceil(EVENTS / 4)}) k join convs c on c.n = k % c.total`,
  );
}

type Row = { target: string; batch: number; seconds: number; perSecond: number; processed: number };
const rows: Row[] = [];

async function run(target: string, open: () => Promise<Database>) {
  for (const batch of BATCHES) {
    const database = await open();
    try {
      const runId = `B${Date.now().toString(36)}`;
      await prepare(database, runId);
      const bodies = notifications(runId);
      for (let i = 0; i < bodies.length; i += 500) await storeWebhookEvents(database.db, bodies.slice(i, i + 500));
      const started = performance.now();
      const result = await processPendingWebhookEvents(database.db, { limit: EVENTS, batchSize: batch });
      const seconds = (performance.now() - started) / 1000;
      const [check] = await database.query<{ messages: string; read: string }>(
        `select (select count(*) from messages where direction = 'inbound')::text as messages, (select count(*) from messages where status = 'read')::text as read`,
      );
      rows.push({ target, batch, seconds, perSecond: result.processed / seconds, processed: result.processed });
      console.log(`[bench] ${target}, batch ${batch}: ${result.processed} events in ${seconds.toFixed(2)} s = ${Math.round(result.processed / seconds)}/s (inbound stored ${check?.messages}, read ${check?.read}, failed ${result.failed})`);
    } finally {
      await database.close();
    }
  }
}

async function freshPostgres(serverUrl: string): Promise<Database> {
  const name = `sportello_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString() });
}

async function main() {
  const started = Date.now();
  if (ONLY.has("pglite")) {
    await run("PGlite (on disk)", async () => openDatabase({ dir: mkdtempSync(path.join(os.tmpdir(), "sportello-bench-process-")) }));
  }
  if (ONLY.has("postgres")) {
    let url = process.env.BENCH_DATABASE_URL;
    let stop = () => {};
    if (!url) {
      const dir = mkdtempSync(path.join(os.tmpdir(), "sportello-bench-pg-"));
      url = execFileSync("bash", ["scripts/pg-throwaway.sh", "start", dir, "55471"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
      stop = () => {
        execFileSync("bash", ["scripts/pg-throwaway.sh", "stop", dir], { cwd: ROOT, stdio: "ignore" });
        rmSync(dir, { recursive: true, force: true });
      };
    }
    try {
      await run("PostgreSQL 15", () => freshPostgres(url!));
    } finally {
      stop();
    }
  }
  const table = [
    `${os.cpus().length} cores, Node ${process.version}; ${EVENTS.toLocaleString("en-US")} stored notifications (¼ inbound texts from 1,000 customers, ¾ sent/delivered/read statuses of stored outbound messages), drained by one processor with \`processPendingWebhookEvents\`, no HTTP.`,
    "",
    "| Database | events per transaction | events/s | drain time |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.target} | ${r.batch} | ${Math.round(r.perSecond).toLocaleString("en-US")} | ${r.seconds.toFixed(1)} s |`),
  ].join("\n");
  console.log(`\n${table}`);
  writeBenchmarkSection("process", table, { title: "Webhook processing (`npm run bench:process`)", seconds: (Date.now() - started) / 1000 });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
