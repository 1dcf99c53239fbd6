import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { auditLog } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { createTestDatabase, testDbKind } from "@/lib/testing/db";
import { actorOf, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { createSnippetSchema, updateSnippetSchema } from "./schemas";
import { insertSeedSnippets, SEED_SNIPPETS } from "./seed";
import { createSnippet, deleteSnippet, listSnippets, updateSnippet } from "./snippets";

describe(`snippets (${testDbKind()})`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  async function world() {
    const ws = await makeWorkspace(database.db);
    const lead = actorOf(await makeUser(database.db, ws.workspace.id, "lead"));
    await insertSeedSnippets(database.db, { workspaceId: ws.workspace.id });
    return { ws, lead };
  }

  it("lists by shortcut; searches shortcut, title and body; a language keeps its own and the universal ones", async () => {
    const { ws } = await world();
    const all = await listSnippets(database.db, { workspaceId: ws.workspace.id });
    expect(all.map((s) => s.shortcut)).toEqual([...SEED_SNIPPETS.map((s) => s.shortcut)].sort());
    expect((await listSnippets(database.db, { workspaceId: ws.workspace.id, q: "/bag" })).map((s) => s.shortcut)).toEqual(["bagaglio", "baggage"]);
    expect((await listSnippets(database.db, { workspaceId: ws.workspace.id, q: "rimborso" })).map((s) => s.shortcut)).toEqual(["rimborso"]);
    const italian = await listSnippets(database.db, { workspaceId: ws.workspace.id, language: "it" });
    expect(italian.every((s) => s.language === "it" || s.language === null)).toBe(true);
    expect(italian.map((s) => s.shortcut)).toContain("bye");
    expect(await listSnippets(database.db, { workspaceId: ws.workspace.id, q: "100%_" })).toEqual([]);
    const other = await makeWorkspace(database.db);
    expect(await listSnippets(database.db, { workspaceId: other.workspace.id })).toEqual([]);
  });

  it("create, edit and delete, audited; a taken shortcut is a 409; another workspace's snippet is a 404", async () => {
    const { ws, lead } = await world();
    const input = createSnippetSchema.parse({ shortcut: "/Gate", title: "Gate change", body: "Your gate has changed: please check the airport screens.", language: "en" });
    expect(input.shortcut).toBe("gate");
    const created = await createSnippet(database.db, lead, input);
    expect(created).toMatchObject({ shortcut: "gate", language: "en" });
    await expect(createSnippet(database.db, lead, input)).rejects.toMatchObject({ status: 409, reason: "snippet.duplicate", fields: { shortcut: expect.any(Array) } });
    const edited = await updateSnippet(database.db, lead, created.id, updateSnippetSchema.parse({ body: "Your gate has changed.", language: null }));
    expect(edited).toMatchObject({ body: "Your gate has changed.", language: null, shortcut: "gate" });
    await expect(updateSnippet(database.db, lead, created.id, { shortcut: "hello" })).rejects.toMatchObject({ status: 409 });
    const other = await world();
    await expect(updateSnippet(database.db, other.lead, created.id, { title: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteSnippet(database.db, other.lead, created.id)).rejects.toMatchObject({ status: 404 });
    await deleteSnippet(database.db, lead, created.id);
    expect((await listSnippets(database.db, { workspaceId: ws.workspace.id })).map((s) => s.shortcut)).not.toContain("gate");
    const audit = await database.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, ws.workspace.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["snippet.created", "snippet.updated", "snippet.deleted"]));
  });

  it("validation: shortcut format, non-empty body within WhatsApp's 4,096, something to change", () => {
    expect(createSnippetSchema.safeParse({ shortcut: "two words", title: "x", body: "y" }).success).toBe(false);
    expect(createSnippetSchema.safeParse({ shortcut: "ok", title: "x", body: " " }).success).toBe(false);
    expect(createSnippetSchema.safeParse({ shortcut: "ok", title: "x", body: "y".repeat(4097) }).success).toBe(false);
    expect(createSnippetSchema.safeParse({ shortcut: "ok", title: "x", body: "y", language: "fr" }).success).toBe(false);
    expect(updateSnippetSchema.safeParse({}).success).toBe(false);
  });
});
