import { domainError } from "@/lib/errors/app-error";

// Postgres' own timestamptz text, e.g. "2026-11-24 09:15:02.123456+00", years 1000–9999.
const PG_TS = /^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-](0\d|1[0-4])(:[0-5]\d)?)?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Keyset cursors carry Postgres' own timestamp text (microseconds), so no row is skipped or repeated.
export function encodeCursor(ts: string, id: string): string {
  return Buffer.from(`${ts}|${id}`, "utf8").toString("base64url");
}

/** "2026-02-30" passes the pattern (and JavaScript's parser, which rolls it over) but not Postgres. */
function realDay(ts: string): boolean {
  const [y, m, d] = ts.slice(0, 10).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
}

export function decodeCursor(cursor: string): { ts: string; id: string } {
  const raw = /^[A-Za-z0-9_-]*$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const [ts, id, extra] = raw.split("|");
  // Anything Postgres would refuse (a malformed or out-of-range time, a non-uuid) is a 400 here, never a 500 there.
  if (!ts || !id || extra !== undefined || !PG_TS.test(ts) || !realDay(ts) || !UUID.test(id)) {
    throw domainError("validation_failed", "request.invalid_cursor", "The cursor is invalid.", undefined, { cursor: ["Invalid cursor."] });
  }
  return { ts, id };
}
