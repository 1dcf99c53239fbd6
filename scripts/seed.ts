// Seeds the "Volo Azzurro" demo workspace.
//   npm run seed                 seed unless the demo workspace already exists
//   npm run seed -- --reset      delete every workspace (cascade), then seed
//   npm run seed:if-empty        seed only into a database without any workspace (used by `npm start`)
//   --auto-assign=off            teams without auto-assignment (the e2e server: new customers stay unassigned)
import path from "node:path";
import { parseArgs } from "node:util";
import { eq, inArray, sql } from "drizzle-orm";
import { openDatabase } from "../lib/db/connect";
import { users, workspaces } from "../lib/db/schema";
import { DEMO_PASSWORD, DEMO_USERS, DEMO_WORKSPACE, isDatabaseEmpty, seedDemoWorkspace } from "../lib/demo/seed";
import { seedReportHistory } from "../lib/demo/seed-history";
import { getEnv } from "../lib/env";

const USAGE = "Usage: tsx scripts/seed.ts [--if-empty] [--reset] [--auto-assign=on|off]";

let args: { "if-empty"?: boolean; reset?: boolean; help?: boolean; "auto-assign"?: string };
try {
  args = parseArgs({
    options: { "if-empty": { type: "boolean" }, reset: { type: "boolean" }, help: { type: "boolean", short: "h" }, "auto-assign": { type: "string" } },
    strict: true,
  }).values;
} catch (err) {
  console.error(`[seed] ${(err as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
if (args["auto-assign"] !== undefined && !["on", "off"].includes(args["auto-assign"])) {
  console.error(`[seed] --auto-assign takes on or off.\n${USAGE}`);
  process.exit(2);
}
if (args["if-empty"] && args.reset) {
  console.error(`[seed] --if-empty and --reset cannot be combined.\n${USAGE}`);
  process.exit(2);
}

function loginBox(): string {
  const rows = DEMO_USERS.map((u) => [u.email, u.role, DEMO_PASSWORD] as const);
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `Demo workspace "${DEMO_WORKSPACE.name}": sign in as any of`,
    "",
    ...rows.map(([email, role, password]) => `${email.padEnd(w0)}   ${role.padEnd(w1)}   ${password}`),
    "",
    // Where this app will answer: `npm run demo` sets NEXTAUTH_URL from PORT.
    `Open ${(getEnv().NEXTAUTH_URL ?? "http://localhost:3000").replace(/\/$/, "")}/login`,
  ];
  const width = Math.max(...lines.map((l) => l.length));
  return [
    `┌${"─".repeat(width + 4)}┐`,
    ...lines.map((l) => `│  ${l.padEnd(width)}  │`),
    `└${"─".repeat(width + 4)}┘`,
  ].join("\n");
}

const env = getEnv();
const target = env.DATABASE_URL ? "PostgreSQL" : `PGlite at ${path.resolve(env.PGLITE_DIR)}`;
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dir: path.resolve(env.PGLITE_DIR) });
try {
  await database.migrate();
  const db = database.db;

  if (args["if-empty"] && !(await isDatabaseEmpty(db))) {
    console.log(`[seed] ${target} already has data: skipping the demo seed.`);
  } else {
    let skip = false;
    if (args.reset) {
      await db.delete(workspaces);
      console.log(`[seed] --reset: deleted every workspace in ${target}.`);
    } else {
      const [existing] = await db
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.name, DEMO_WORKSPACE.name))
        .limit(1);
      if (existing) {
        console.log(`[seed] ${target} is already seeded: workspace "${DEMO_WORKSPACE.name}" exists (use --reset to start over).`);
        skip = true;
      } else {
        const emails = DEMO_USERS.map((u) => u.email.toLowerCase());
        const clash = await db
          .select({ email: users.email })
          .from(users)
          .where(inArray(sql`lower(${users.email})`, emails));
        if (clash.length > 0) {
          console.error(
            `[seed] Cannot seed: ${clash.map((c) => c.email).join(", ")} already belong to another workspace. ` +
              "Run `npm run seed -- --reset` to wipe the database and start over.",
          );
          process.exitCode = 1;
          skip = true;
        }
      }
    }
    if (!skip) {
      const started = performance.now();
      const s = await seedDemoWorkspace(db, { autoAssign: args["auto-assign"] !== "off" });
      // A month of finished work, so /reports has something to show from the first sign-in.
      const h = await seedReportHistory(db, { workspaceId: s.workspaceId, channelId: s.channelId });
      const ms = Math.round(performance.now() - started);
      const statuses = Object.entries(s.byStatus)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ");
      console.log(
        `[seed] Seeded "${DEMO_WORKSPACE.name}" into ${target} in ${ms} ms: ${s.users} users, ${s.teams} teams, ` +
          `${s.contacts} contacts, ${s.conversations} conversations (${statuses}), ${s.messages} messages, ${s.bookings} bookings; ` +
          `history: ${h.conversations} resolved conversations, ${h.messages} messages, ${h.payments} payment requests, ${h.ratings} ratings.`,
      );
    }
    if (process.exitCode !== 1) console.log(loginBox());
  }
} catch (err) {
  console.error("[seed] failed:", err);
  process.exitCode = 1;
} finally {
  await database.close();
}
