// Creates a user: npm run user:create -- --email x@y --role admin|lead|agent [--name "…"] [--password …] [--workspace "Name"]
// Without --password a strong one is generated and printed once. Without any workspace, one is created.
import path from "node:path";
import { parseArgs } from "node:util";
import { openDatabase } from "../lib/db/connect";
import { getEnv } from "../lib/env";
import { AppError } from "@/lib/errors/app-error";
import { createUser, createUserInputSchema, DEFAULT_WORKSPACE_NAME } from "../lib/users/create-user";

const USAGE = `Usage: npm run user:create -- --email <email> --role <admin|lead|agent> [--name "Full Name"] [--password <password>] [--workspace "Name"]

  --email       sign-in address (unique across all workspaces, case-insensitive)
  --role        admin, lead or agent
  --name        display name (default: derived from the email)
  --password    at least 8 characters (default: a generated one, printed once)
  --workspace   workspace to join (default: the only one; "${DEFAULT_WORKSPACE_NAME}" is created if none exists)`;

function fail(message: string, code = 1): never {
  console.error(`[user:create] ${message}`);
  process.exit(code);
}

let values: Record<string, string | boolean | undefined>;
try {
  values = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      password: { type: "string" },
      workspace: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (err) {
  fail(`${(err as Error).message}\n\n${USAGE}`, 2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

// Validate before touching the database, so a typo costs nothing.
const parsed = createUserInputSchema.safeParse({
  email: values.email ?? "",
  role: values.role ?? "",
  name: values.name,
  password: values.password,
  workspace: values.workspace,
});
if (!parsed.success) {
  const lines = parsed.error.issues.map((i) => `  --${i.path.join(".")}: ${i.message}`);
  fail(`Invalid arguments:\n${lines.join("\n")}\n\n${USAGE}`, 2);
}

const env = getEnv();
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dir: path.resolve(env.PGLITE_DIR) });
try {
  await database.migrate();
  const { user, workspace, generatedPassword } = await createUser(database.db, parsed.data);
  if (workspace.created) console.log(`[user:create] Created workspace "${workspace.name}".`);
  console.log(`[user:create] Created ${user.role} ${user.name} <${user.email}> in workspace "${workspace.name}".`);
  if (generatedPassword) {
    console.log(`\n  Password: ${generatedPassword}\n\n  Shown once: store it somewhere safe now.\n`);
  }
} catch (err) {
  if (err instanceof AppError) {
    console.error(`[user:create] ${err.message}`);
  } else {
    console.error("[user:create] failed:", err);
  }
  process.exitCode = 1;
} finally {
  await database.close();
}
