import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, gt, inArray, or, sql } from "drizzle-orm";
import { mediaFiles, messages } from "@/lib/db/schema";
import { publishEvent } from "@/lib/realtime/events";
import type { Db } from "@/lib/db/types";

export type FetchMediaOptions = {
  graphUrl: string;
  apiVersion: string;
  accessToken: string;
  mediaDir: string;
  fetch?: typeof fetch;
  limit?: number;
  /** Also retry rows that failed before (younger than 30 days: Meta keeps media that long). */
  includeFailed?: boolean;
  maxBytes?: number;
  timeoutMs?: number;
};

export type FetchMediaResult = { stored: number; failed: number };

/**
 * Downloads inbound media: GET /{version}/{media-id} → { url }, then GET url (both with the
 * Bearer token), written to MEDIA_DIR/<workspace>/<id>. Failures are recorded and retried on a
 * later run. No row lock is held during downloads: two processes may fetch the same file, and
 * the atomic rename makes that harmless.
 */
export async function fetchPendingMedia(db: Db, opts: FetchMediaOptions): Promise<FetchMediaResult> {
  const statusFilter = opts.includeFailed
    ? or(eq(mediaFiles.status, "pending"), and(eq(mediaFiles.status, "failed"), gt(mediaFiles.createdAt, sql`now() - interval '30 days'`)))
    : eq(mediaFiles.status, "pending");
  const rows = await db
    .select()
    .from(mediaFiles)
    .where(statusFilter)
    .orderBy(asc(mediaFiles.createdAt))
    .limit(opts.limit ?? 20);
  const result: FetchMediaResult = { stored: 0, failed: 0 };
  for (const row of rows) {
    try {
      const file = await downloadMedia(row.providerMediaId, opts);
      const relative = path.posix.join(row.workspaceId, row.id);
      const target = path.join(opts.mediaDir, row.workspaceId, row.id);
      await mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.tmp-${randomBytes(4).toString("hex")}`;
      try {
        await writeFile(tmp, file.bytes);
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      await db
        .update(mediaFiles)
        .set({ status: "stored", storagePath: relative, fileSize: file.bytes.length, mimeType: row.mimeType ?? file.mimeType, error: null })
        .where(and(eq(mediaFiles.id, row.id), inArray(mediaFiles.status, ["pending", "failed"])));
      result.stored++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await db.update(mediaFiles).set({ status: "failed", error: message.slice(0, 1000) }).where(eq(mediaFiles.id, row.id));
      result.failed++;
    }
    if (row.messageId) await announce(db, row.messageId);
  }
  return result;
}

/** The thread shows "downloading" until now: tell the open tabs of the message the file came with. */
async function announce(db: Db, messageId: string) {
  const [m] = await db.select({ conversationId: messages.conversationId, workspaceId: messages.workspaceId }).from(messages).where(eq(messages.id, messageId)).limit(1);
  if (m) await publishEvent(db, { type: "message.updated", workspaceId: m.workspaceId, conversationId: m.conversationId, messageId });
}

async function downloadMedia(mediaId: string, opts: FetchMediaOptions): Promise<{ bytes: Buffer; mimeType: string | null }> {
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxBytes = opts.maxBytes ?? 100 * 1024 * 1024;
  const headers = { Authorization: `Bearer ${opts.accessToken}` };
  const metaUrl = `${opts.graphUrl.replace(/\/+$/, "")}/${opts.apiVersion}/${encodeURIComponent(mediaId)}`;
  const metaRes = await doFetch(metaUrl, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!metaRes.ok) throw new Error(`Media lookup answered HTTP ${metaRes.status}`);
  const meta = (await metaRes.json().catch(() => null)) as { url?: unknown; mime_type?: unknown } | null;
  if (!meta || typeof meta.url !== "string" || !/^https?:\/\//i.test(meta.url)) throw new Error("Media lookup returned no download url");
  const fileRes = await doFetch(meta.url, { headers, signal: AbortSignal.timeout(timeoutMs) });
  if (!fileRes.ok) throw new Error(`Media download answered HTTP ${fileRes.status}`);
  const declared = Number(fileRes.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new Error(`Media is larger than ${maxBytes} bytes`);
  const bytes = Buffer.from(await fileRes.arrayBuffer());
  if (bytes.length > maxBytes) throw new Error(`Media is larger than ${maxBytes} bytes`);
  return { bytes, mimeType: typeof meta.mime_type === "string" ? meta.mime_type : fileRes.headers.get("content-type") };
}
