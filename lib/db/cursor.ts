import { AppError } from "@/lib/errors/app-error";

// Keyset cursors carry Postgres' own timestamp text (microseconds), so no row is skipped or repeated.
export function encodeCursor(ts: string, id: string): string {
  return Buffer.from(`${ts}|${id}`, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): { ts: string; id: string } {
  const raw = Buffer.from(cursor, "base64url").toString("utf8");
  const [ts, id] = raw.split("|");
  if (!ts || !id || Number.isNaN(Date.parse(ts)) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("validation_failed", "The cursor is invalid.", { cursor: ["Invalid cursor."] });
  }
  return { ts, id };
}
