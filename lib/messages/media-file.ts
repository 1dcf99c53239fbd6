import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { mediaFiles } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { domainError, notFound } from "@/lib/errors/app-error";

// Types a browser may render inline from our origin. Everything else (HTML, SVG, PDF…) downloads.
const INLINE = /^(image\/(jpeg|png|gif|webp)|video\/(mp4|3gpp|webm)|audio\/(aac|amr|mpeg|mp4|ogg|opus|webm)(;.*)?)$/i;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(\s*;\s*[a-z0-9_-]+=[a-z0-9_.-]+)*$/i;

/** Reads a stored inbound media file of this workspace and builds the headers to serve it. */
export async function readMediaFile(db: Db, workspaceId: string, id: string, mediaDir: string): Promise<{ bytes: Buffer; headers: Record<string, string> }> {
  const [row] = await db
    .select()
    .from(mediaFiles)
    .where(and(eq(mediaFiles.workspaceId, workspaceId), eq(mediaFiles.id, id)))
    .limit(1);
  if (!row) throw notFound("File");
  if (row.status !== "stored" || !row.storagePath) {
    throw row.status === "failed"
      ? domainError("not_found", "media.download_failed", "This file could not be downloaded from WhatsApp.")
      : domainError("not_found", "media.downloading", "This file is still being downloaded. Try again in a moment.");
  }
  const root = path.resolve(mediaDir);
  const file = path.resolve(root, row.storagePath);
  if (!file.startsWith(root + path.sep)) throw notFound("File");
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch {
    throw notFound("File");
  }
  const mime = row.mimeType && MIME.test(row.mimeType) ? row.mimeType : "application/octet-stream";
  const inline = INLINE.test(mime) && !row.filename;
  return {
    bytes,
    headers: {
      "Content-Type": mime,
      "Content-Length": String(bytes.length),
      "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", row.filename ?? defaultName(row.id, mime)),
      "Cache-Control": "private, max-age=86400, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "sandbox; default-src 'none'",
    },
  };
}

function defaultName(id: string, mime: string): string {
  const ext = mime.split(";")[0]!.split("/")[1]?.replace(/[^a-z0-9]/gi, "").slice(0, 8);
  return ext ? `${id}.${ext}` : id;
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
export function contentDisposition(type: "inline" | "attachment", filename: string): string {
  const clean = filename.replace(/[\u0000-\u001f\u007f/\\]/g, "_").slice(0, 200) || "file";
  const ascii = clean.replace(/[^\x20-\x7e]/g, "_").replace(/["%]/g, "_");
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(clean)}`;
}
