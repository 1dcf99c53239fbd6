import path from "node:path";
import { openDatabase } from "../lib/db/connect";

const url = process.env.DATABASE_URL;
const dir = path.resolve(process.env.PGLITE_DIR ?? "./data/pglite");
const started = Date.now();
const database = await openDatabase(url ? { url } : { dir });
await database.migrate();
await database.close();
console.log(`[migrate] ${url ? "PostgreSQL" : `PGlite at ${dir}`} up to date in ${Date.now() - started} ms`);
