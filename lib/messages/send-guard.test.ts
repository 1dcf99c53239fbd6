import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, testDbKind, type TestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { conversations, messages, templates, workspaces } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { SEED_TEMPLATES } from "@/lib/templates/seed-templates";
import { updateWorkspaceRules } from "@/lib/workspace/rules";
import { createNote } from "./notes";
import { createReply, sendMessage } from "./reply";
import { replySchema } from "./schemas";
import { createTemplateReply } from "./template-reply";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** Two agents on one conversation whose customer wrote a minute ago. */
async function world(db: Db) {
  const ws = await makeWorkspace(db);
  const sara = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Sara Verdi" }));
  const luca = actorOf(await makeUser(db, ws.workspace.id, "agent", { name: "Luca Neri" }));
  const { conversation } = await makeConversation(db, ws, { lastInboundAt: new Date(Date.now() - 60_000) });
  const [first] = await db
    .insert(messages)
    .values({ workspaceId: ws.workspace.id, conversationId: conversation.id, channelId: ws.channel.id, direction: "inbound", authorType: "customer", kind: "text", text: "Posso cambiare il volo?", createdAt: new Date(Date.now() - 60_000) })
    .returning();
  return { ws, sara, luca, conversation, firstId: first!.id };
}

describe(`the send-time guard (${testDbKind()})`, () => {
  it("refuses a reply when a teammate replied after what the sender had seen, with who, what and when; force sends it", async () => {
    const db = database.db;
    const { sara, luca, conversation, firstId } = await world(db);
    const lucaSent = await createReply(db, luca, conversation.id, { text: "Sì, glielo cambio subito.", seenUpTo: firstId });

    const err = await refusal(createReply(db, sara, conversation.id, { text: "Certo, che data preferisce?", seenUpTo: firstId, clientMessageId: "sara-guard-1" }));
    expect(err.status).toBe(409);
    expect(err.reason).toBe("conversation.changed_since");
    expect(err.params).toMatchObject({ count: 1, names: "Luca Neri" });
    expect(err.details?.changes).toEqual([
      { id: lucaSent.id, kind: "text", note: false, author: { id: luca.userId, name: "Luca Neri" }, snippet: "Sì, glielo cambio subito.", createdAt: expect.any(String) },
    ]);
    // Nothing was stored by the refused send.
    expect(await db.select().from(messages).where(eq(messages.clientMessageId, "sara-guard-1"))).toHaveLength(0);

    // "Send anyway": the same draft with force goes through.
    const forced = await createReply(db, sara, conversation.id, { text: "Certo, che data preferisce?", seenUpTo: firstId, clientMessageId: "sara-guard-1", force: true });
    expect(forced.duplicate).toBe(false);
    // Measured from Luca's message (she has read it now): no refusal.
    await expect(createReply(db, sara, conversation.id, { text: "Le mando le opzioni.", seenUpTo: lucaSent.id })).resolves.toMatchObject({ duplicate: false });
  });

  it("reports a teammate's note too, but never the customer's new messages nor the sender's own", async () => {
    const db = database.db;
    const { ws, sara, luca, conversation, firstId } = await world(db);
    await createReply(db, sara, conversation.id, { text: "Un attimo che controllo.", seenUpTo: firstId });
    await db.insert(messages).values({ workspaceId: ws.workspace.id, conversationId: conversation.id, channelId: ws.channel.id, direction: "inbound", authorType: "customer", kind: "text", text: "Anche per mia moglie", createdAt: new Date() });
    // Customer messages and my own reply do not block.
    await expect(createReply(db, sara, conversation.id, { text: "Certamente.", seenUpTo: firstId })).resolves.toMatchObject({ duplicate: false });

    const note = await createNote(db, { actor: luca, conversationId: conversation.id, input: { text: "Attenzione: tariffa non rimborsabile", mentions: [] } });
    const err = await refusal(createReply(db, sara, conversation.id, { text: "Le faccio il cambio gratis.", seenUpTo: firstId }));
    expect((err.details?.changes as { id: string; note: boolean }[]).map((c) => [c.id, c.note])).toEqual([[note.id, true]]);
  });

  it("answers a retried POST (same clientMessageId) with the stored reply even when the conversation changed since", async () => {
    const db = database.db;
    const { sara, luca, conversation, firstId } = await world(db);
    const first = await createReply(db, sara, conversation.id, { text: "Controllo.", seenUpTo: firstId, clientMessageId: "sara-retry-12345" });
    await createReply(db, luca, conversation.id, { text: "Ci penso io." });
    const again = await createReply(db, sara, conversation.id, { text: "Controllo.", seenUpTo: firstId, clientMessageId: "sara-retry-12345" });
    expect(again).toEqual({ id: first.id, duplicate: true });
  });

  it("guards template sends through the same path, and accepts a time as seenUpTo", async () => {
    const db = database.db;
    const { ws, sara, luca, conversation } = await world(db);
    const hello = SEED_TEMPLATES.find((t) => t.name === "hello_world")!;
    const [tpl] = await db
      .insert(templates)
      .values({ workspaceId: ws.workspace.id, wabaId: "104918273645012", name: hello.name, language: hello.language, category: hello.category, parameterFormat: hello.parameterFormat, components: hello.components, status: "APPROVED" })
      .returning();
    const before = new Date().toISOString();
    await createReply(db, luca, conversation.id, { text: "Ecco il riepilogo." });
    const err = await refusal(createTemplateReply(db, sara, conversation.id, { templateId: tpl!.id, values: {}, seenUpTo: before }));
    expect(err.reason).toBe("conversation.changed_since");
    await expect(createTemplateReply(db, sara, conversation.id, { templateId: tpl!.id, values: {}, seenUpTo: before, force: true })).resolves.toMatchObject({ duplicate: false });
    // An id that is not a message of this conversation is a validation error, not a silent pass.
    const unknown = await refusal(createReply(db, sara, conversation.id, { text: "x", seenUpTo: crypto.randomUUID() }));
    expect(unknown.reason).toBe("reply.seen_unknown");
  });

  it("takes seenUpTo and force from the request body", () => {
    expect(replySchema.parse({ text: "hi", seenUpTo: "2026-12-01T10:00:00.000Z", force: true })).toMatchObject({ seenUpTo: "2026-12-01T10:00:00.000Z", force: true });
    expect(replySchema.safeParse({ text: "hi", seenUpTo: "yesterday" }).success).toBe(false);
  });
});

describe(`only the assignee replies (${testDbKind()})`, () => {
  it("is off by default; once on, everyone but the assignee is refused with the assignee's name, leads and admins included", async () => {
    const db = database.db;
    const { ws, sara, luca, conversation } = await world(db);
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    await db.update(conversations).set({ assigneeId: sara.userId }).where(eq(conversations.id, conversation.id));
    // Off: anyone may answer.
    await expect(createReply(db, luca, conversation.id, { text: "Rispondo io." })).resolves.toMatchObject({ duplicate: false });

    await updateWorkspaceRules(db, { actor: lead, input: { onlyAssigneeReplies: true } });
    const [row] = await db.select({ on: workspaces.onlyAssigneeReplies }).from(workspaces).where(eq(workspaces.id, ws.workspace.id));
    expect(row!.on).toBe(true);

    for (const who of [luca, lead]) {
      const err = await refusal(createReply(db, who, conversation.id, { text: "Posso?" }));
      expect(err).toMatchObject({ status: 403, reason: "conversation.not_assignee", params: { name: "Sara Verdi" } });
      expect(err.details).toEqual({ assignee: { id: sara.userId, name: "Sara Verdi" } });
    }
    await expect(createReply(db, sara, conversation.id, { text: "Ci sono io." })).resolves.toMatchObject({ duplicate: false });
    // Sportello's own messages (a payment receipt, a welcome) are not a teammate's reply.
    await expect(
      sendMessage(db, { actor: { automation: true, workspaceId: ws.workspace.id, name: "Payments" }, conversationId: conversation.id, prepare: () => ({ kind: "text", text: "Grazie!", payload: null }) }),
    ).resolves.toMatchObject({ duplicate: false });
    // Notes stay open to everyone.
    await expect(createNote(db, { actor: luca, conversationId: conversation.id, input: { text: "Sara, il cliente ha fretta", mentions: [sara.userId] } })).resolves.toMatchObject({ duplicate: false });
  });

  it("leaves unassigned conversations open to the first reply, which claims them", async () => {
    const db = database.db;
    const { ws, luca } = await world(db);
    const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
    await updateWorkspaceRules(db, { actor: lead, input: { onlyAssigneeReplies: true } });
    const { conversation } = await makeConversation(db, ws);
    await expect(createReply(db, luca, conversation.id, { text: "Buongiorno!" })).resolves.toMatchObject({ duplicate: false });
  });
});
