import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversations, mediaFiles } from "@/lib/db/schema";
import { findMessages } from "@/lib/messages/queries";
import type { Database, Db } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { fetchPendingMedia } from "@/lib/ingest/fetch-media";
import { contentDisposition, readMediaFile } from "@/lib/messages/media-file";
import { ingest, loadFixtures, seedChannel, type Seed } from "@/lib/ingest/test-helpers";

describe(`inbound media (${testDbKind()})`, () => {
  let database: Database;
  let db: Db;
  let seed: Seed;
  let mediaDir: string;
  const fixtures = loadFixtures();
  const calls: string[] = [];
  let broken = true;

  // A stand-in Graph API: media id → { url }, url → bytes; both demand the Bearer token.
  const fakeFetch: typeof fetch = async (input, init) => {
    const url = String(input);
    calls.push(url);
    const auth = new Headers(init?.headers).get("authorization");
    if (auth !== "Bearer token-1") return new Response("no", { status: 401 });
    const lookup = /\/v23\.0\/(\w+)$/.exec(url);
    if (lookup) {
      if (broken && lookup[1] === "3392482807514219") return new Response("oops", { status: 500 });
      return Response.json({ url: `https://lookaside.example/${lookup[1]}`, mime_type: "application/x-test", id: lookup[1] });
    }
    if (url.startsWith("https://lookaside.example/")) return new Response(`bytes of ${url.split("/").pop()}`, { status: 200 });
    return new Response("not found", { status: 404 });
  };
  const opts = () => ({ graphUrl: "https://graph.example/", apiVersion: "v23.0", accessToken: "token-1", mediaDir, fetch: fakeFetch });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db;
    seed = await seedChannel(db);
    mediaDir = mkdtempSync(path.join(tmpdir(), "sportello-media-"));
    await ingest(db, fixtures.get("inbound-image.json")!, fixtures.get("inbound-document.json")!);
  });
  afterAll(async () => {
    await database?.close();
    if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
  });

  const row = async (providerMediaId: string) => (await db.select().from(mediaFiles).where(eq(mediaFiles.providerMediaId, providerMediaId)))[0]!;

  // What the thread is told about each file: downloading, stored or failed.
  const threadStatuses = async () => {
    const [conv] = await db.select({ id: conversations.id }).from(conversations).where(eq(conversations.workspaceId, seed.workspaceId));
    const page = await findMessages(db, seed.workspaceId, conv!.id, { limit: 50 });
    return Object.fromEntries(page.items.map((m) => [m.kind, m.mediaStatus]));
  };

  it("downloads via the Graph API, writes MEDIA_DIR/<workspace>/<id>, marks stored; failures are retried later", async () => {
    expect(await threadStatuses()).toEqual({ image: "pending", document: "pending" });
    expect(await fetchPendingMedia(db, opts())).toEqual({ stored: 1, failed: 1 });
    expect(await threadStatuses()).toEqual({ image: "stored", document: "failed" });
    expect(calls[0]).toBe("https://graph.example/v23.0/1479537139650973");
    const image = await row("1479537139650973");
    expect(image).toMatchObject({ status: "stored", storagePath: `${seed.workspaceId}/${image.id}`, mimeType: "image/jpeg", fileSize: 25 });
    expect(readFileSync(path.join(mediaDir, seed.workspaceId, image.id), "utf8")).toBe("bytes of 1479537139650973");
    expect(await row("3392482807514219")).toMatchObject({ status: "failed", error: "Media lookup answered HTTP 500" });

    broken = false;
    expect(await fetchPendingMedia(db, opts())).toEqual({ stored: 0, failed: 0 }); // only pending by default
    expect(await fetchPendingMedia(db, { ...opts(), includeFailed: true })).toEqual({ stored: 1, failed: 0 });
    expect(await row("3392482807514219")).toMatchObject({ status: "stored", error: null, filename: "ricevuta.pdf" });
    expect(await threadStatuses()).toEqual({ image: "stored", document: "stored" });
  });

  it("serves a stored file only to its workspace, with safe headers", async () => {
    const image = await row("1479537139650973");
    const file = await readMediaFile(db, seed.workspaceId, image.id, mediaDir);
    expect(file.bytes.toString()).toBe("bytes of 1479537139650973");
    expect(file.headers).toMatchObject({ "Content-Type": "image/jpeg", "X-Content-Type-Options": "nosniff" });
    expect(file.headers["Content-Disposition"]).toMatch(/^inline; filename="/);

    const doc = await readMediaFile(db, seed.workspaceId, (await row("3392482807514219")).id, mediaDir);
    expect(doc.headers["Content-Type"]).toBe("application/pdf");
    expect(doc.headers["Content-Disposition"]).toBe(`attachment; filename="ricevuta.pdf"; filename*=UTF-8''ricevuta.pdf`);

    await expect(readMediaFile(db, "00000000-0000-0000-0000-000000000000", image.id, mediaDir)).rejects.toMatchObject({ code: "not_found" });
    expect(contentDisposition("attachment", 'fattura "marzo"/€.pdf')).toBe(`attachment; filename="fattura _marzo___.pdf"; filename*=UTF-8''fattura%20%22marzo%22_%E2%82%AC.pdf`);
  });
});
