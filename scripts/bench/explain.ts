// EXPLAIN (ANALYZE, BUFFERS) of exactly the queries each benchmarked endpoint runs: the lib
// function is called on a database whose logger records its SQL and parameters, then each
// recorded read is explained on PostgreSQL. `npm run bench:api -- --explain [--only words]`, with
// DATABASE_URL pointing at a PostgreSQL seeded with `npm run seed:scale`. Prints every plan, then
// a summary (execution time of each query, the scans it used).
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/node-postgres";
import { eq } from "drizzle-orm";
import pg from "pg";
import * as schema from "../../lib/db/schema";
import type { Db } from "../../lib/db/types";
import { findConversations, getConversation } from "../../lib/conversations/queries";
import { countViews } from "../../lib/conversations/view-counts";
import { listConversationsSchema } from "../../lib/conversations/schemas";
import { findMessages } from "../../lib/messages/queries";
import { listMessagesSchema } from "../../lib/messages/schemas";
import { searchConversations } from "../../lib/search/search";
import { searchSchema } from "../../lib/search/schemas";
import { getReport } from "../../lib/reports/report";
import { listPaymentRequests } from "../../lib/payments/list";
import { listPaymentRequestsSchema } from "../../lib/payments/schemas";

const { values: args } = parseArgs({ options: { only: { type: "string" }, explain: { type: "boolean" } }, strict: false });
const url = process.env.DATABASE_URL;
if (!url) throw new Error("Set DATABASE_URL to a PostgreSQL seeded with `npm run seed:scale`.");

const pool = new pg.Pool({ connectionString: url, max: 4 });
let recording: { sql: string; params: unknown[] }[] | null = null;
const db = drizzle(pool, { schema, logger: { logQuery: (sql, params) => recording?.push({ sql, params }) } }) as unknown as Db;

const [lead] = await db.select({ id: schema.users.id, workspaceId: schema.users.workspaceId }).from(schema.users).where(eq(schema.users.email, "marco@voloazzurro.it"));
if (!lead) throw new Error("No demo lead: seed the demo workspace first.");
const ws = lead.workspaceId;
const list = (q: Record<string, string>) => listConversationsSchema.parse(q);
const page1 = await findConversations(db, ws, lead.id, list({ view: "all" }));
const resolved1 = await findConversations(db, ws, lead.id, list({ status: "resolved" }));
const counts = await countViews(db, ws, lead.id);
const team = Object.entries(counts.teams).sort((a, b) => b[1] - a[1])[0]?.[0];
const thread = page1.items[0]?.id ?? resolved1.items[0]!.id;
let older: { id: string; cursor: string } | null = null;
for (const c of [...page1.items, ...resolved1.items]) {
  const m = await findMessages(db, ws, c.id, listMessagesSchema.parse({}));
  if (m.nextCursor) {
    older = { id: c.id, cursor: m.nextCursor };
    break;
  }
}
const day = (d: Date) => d.toISOString().slice(0, 10);

const cases: [string, () => Promise<unknown>][] = [
  ["inbox: all (first page)", () => findConversations(db, ws, lead.id, list({ view: "all" }))],
  ["inbox: mine", () => findConversations(db, ws, lead.id, list({ view: "mine" }))],
  ["inbox: unassigned", () => findConversations(db, ws, lead.id, list({ view: "unassigned" }))],
  ["inbox: resolved, page 2 (keyset)", () => findConversations(db, ws, lead.id, list({ status: "resolved", cursor: resolved1.nextCursor! }))],
  ...(team ? [["inbox: a team's view", () => findConversations(db, ws, lead.id, list({ team }))] as [string, () => Promise<unknown>]] : []),
  ["view counts", () => countViews(db, ws, lead.id)],
  ["open a thread (messages)", () => findMessages(db, ws, thread, listMessagesSchema.parse({}))],
  ...(older ? [["thread: next page of messages", () => findMessages(db, ws, older.id, listMessagesSchema.parse({ cursor: older.cursor }))] as [string, () => Promise<unknown>]] : []),
  ["conversation detail", () => getConversation(db, ws, thread)],
  ["search: a common word", () => searchConversations(db, { workspaceId: ws, userId: lead.id, input: searchSchema.parse({ q: "rimborso" }) })],
  ["search: a customer's name", () => searchConversations(db, { workspaceId: ws, userId: lead.id, input: searchSchema.parse({ q: "giovanni russo" }) })],
  ["reports (30 days)", () => getReport(db, { workspaceId: ws, from: day(new Date(Date.now() - 29 * 86_400_000)), to: day(new Date()) })],
  // bench:api's unshared row asks for 30 days ending up to half a year back: what runs then.
  ["reports (30 days ending 90 days ago)", () => getReport(db, { workspaceId: ws, from: day(new Date(Date.now() - 119 * 86_400_000)), to: day(new Date(Date.now() - 90 * 86_400_000)) })],
  ["payments list", () => listPaymentRequests(db, { workspaceId: ws, input: listPaymentRequestsSchema.parse({}) })],
];

const summary: string[] = [];
for (const [name, run] of cases) {
  if (args.only && !String(args.only).split(",").some((w) => name.includes(w))) continue;
  recording = [];
  await run();
  const queries = recording;
  recording = null;
  console.log(`\n===== ${name} (${queries.length} ${queries.length === 1 ? "query" : "queries"})`);
  let total = 0;
  const scans = new Set<string>();
  for (const q of queries) {
    if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
    const { rows } = await pool.query<{ "QUERY PLAN": string }>(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
    const lines = rows.map((r) => r["QUERY PLAN"]);
    console.log(`-- ${q.sql.length > 240 ? `${q.sql.slice(0, 240)}…` : q.sql}`);
    console.log(lines.join("\n"));
    const exec = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? "")?.[1] ?? 0);
    total += exec;
    for (const l of lines) {
      const m = /(Seq Scan|Parallel Seq Scan|Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)?(?: using (\S+))? on (\S+)/.exec(l);
      if (m) scans.add(m[1]!.startsWith("Bitmap") ? `${m[1]} ${m[3]}` : `${m[1]} ${m[2] ? `${m[2]}` : m[3]}`);
    }
  }
  summary.push(`${name}: ${total.toFixed(1)} ms in ${queries.length} queries; ${[...scans].join(", ")}`);
}
console.log(`\n===== summary\n${summary.join("\n")}`);
await pool.end();
