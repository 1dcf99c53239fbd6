import path from "node:path";
import { openDatabase } from "../lib/db/connect";
import { getEnv } from "../lib/env";

const env = getEnv();
const started = Date.now();
const dir = path.resolve(env.PGLITE_DIR);
const database = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dir });
await database.migrate();
await database.close();
console.log(`[migrate] ${env.DATABASE_URL ? "PostgreSQL" : `PGlite at ${dir}`} up to date in ${Date.now() - started} ms`);
