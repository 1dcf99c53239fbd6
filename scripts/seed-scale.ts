// Years of history in the demo workspace, for measuring at scale (issue 14):
//   npm run seed:scale -- --conversations 100000 --messages 1000000
// Migrates, seeds the demo workspace first when it is missing, then adds N conversations and M
// customer/agent messages (plus their system events) with lib/demo/seed-scale.ts. Runs on
// PostgreSQL with DATABASE_URL, else on PGlite at PGLITE_DIR. Progress on stderr; a rerun adds more.
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/connect";
import { seedDemoWorkspace } from "../lib/demo/seed";
import { seedReportHistory } from "../lib/demo/seed-history";
import { findDemoWorkspace, seedScale, type ScaleProgress } from "../lib/demo/seed-scale";
import { getEnv } from "../lib/env";

const USAGE = "Usage: tsx scripts/seed-scale.ts [--conversations N] [--messages M] [--seed S]   (defaults: 100000, 1000000)";
let args: { conversations?: string; messages?: string; seed?: string; help?: boolean };
try {
  args = parseArgs({ options: { conversations: { type: "string" }, messages: { type: "string" }, seed: { type: "string" }, help: { type: "boolean", short: "h" } }, strict: true }).values;
} catch (err) {
  console.error(`[seed:scale] ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const N = Number(args.conversations ?? 100_000);
const M = Number(args.messages ?? 1_000_000);
if (!Number.isInteger(N) || N < 1 || !Number.isInteger(M) || M < N) {
  console.error(`[seed:scale] --conversations must be a positive integer and --messages at least as many.\n${USAGE}`);
  process.exit(2);
}

const started = performance.now();
function bar(p: ScaleProgress) {
  const width = 30;
  const frac = p.total ? p.done / p.total : 0;
  const secs = (performance.now() - started) / 1000;
  const line = `[seed:scale] ${p.phase.padEnd(13)} [${"#".repeat(Math.round(frac * width)).padEnd(width, ".")}] ${p.done.toLocaleString("en")}/${p.total.toLocaleString("en")} · ${p.rows.toLocaleString("en")} rows · ${Math.round(p.rows / Math.max(secs, 0.001)).toLocaleString("en")} rows/s`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line}\x1b[K`);
  else if (p.done === p.total || p.done % Math.max(1, Math.round(p.total / 10)) < 2_000) process.stderr.write(`${line}\n`);
}

const env = getEnv();
const target = env.DATABASE_URL ? "PostgreSQL" : `PGlite at ${path.resolve(env.PGLITE_DIR)}`;
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dir: path.resolve(env.PGLITE_DIR) });
try {
  await database.migrate();
  let demo = await findDemoWorkspace(database.db);
  if (!demo) {
    console.error(`[seed:scale] no demo workspace in ${target}: seeding it first.`);
    const s = await seedDemoWorkspace(database.db, {});
    await seedReportHistory(database.db, { workspaceId: s.workspaceId, channelId: s.channelId });
    demo = { workspaceId: s.workspaceId, channelId: s.channelId };
  }
  const s = await seedScale(database.db, { ...demo, conversations: N, messages: M, seed: args.seed ? Number(args.seed) : undefined, onProgress: bar });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const secs = s.ms / 1000;
  const st = Object.entries(s.byStatus).map(([k, v]) => `${v.toLocaleString("en")} ${k}`).join(", ");
  console.log(
    `[seed:scale] ${target}: ${s.conversations.toLocaleString("en")} conversations (${st}), ${s.messages.toLocaleString("en")} messages + ${s.events.toLocaleString("en")} system events, ` +
      `${s.contacts.toLocaleString("en")} contacts, ${s.bookings.toLocaleString("en")} bookings, ${s.payments.toLocaleString("en")} payment requests, ${s.labelLinks.toLocaleString("en")} labels on conversations; ` +
      `${s.agents} scale agents in ${s.teams} teams. ${s.rows.toLocaleString("en")} rows in ${secs.toFixed(1)} s = ${Math.round(s.rows / secs).toLocaleString("en")} rows/s.`,
  );
} catch (err) {
  console.error("[seed:scale] failed:", err);
  process.exitCode = 1;
} finally {
  await database.close();
}
