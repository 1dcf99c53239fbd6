import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase } from "@/lib/testing/db";
import { actorOf, makeConversation, makeUser, makeWorkspace } from "@/lib/testing/factories";
import { auditLog, messages } from "@/lib/db/schema";
import type { Database } from "@/lib/db/types";
import { AppError } from "@/lib/errors/app-error";
import { findConversations, getConversation } from "@/lib/conversations/queries";
import { listConversationsSchema } from "@/lib/conversations/schemas";
import { createLabel, deleteLabel, listLabels, setConversationLabels, updateLabel } from "./labels";
import { createLabelSchema, setConversationLabelsSchema } from "./schemas";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function reasonOf(p: Promise<unknown>) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return { code: (err as AppError).code, reason: (err as AppError).reason };
}

async function world() {
  const db = database.db;
  const ws = await makeWorkspace(db);
  const lead = actorOf(await makeUser(db, ws.workspace.id, "lead"));
  const agent = actorOf(await makeUser(db, ws.workspace.id, "agent"));
  return { db, ws, lead, agent };
}

describe("labels", () => {
  it("creates, lists alphabetically with usage, renames, recolours and refuses a duplicate name (any case)", async () => {
    const { db, ws, lead } = await world();
    const vip = await createLabel(db, { actor: lead, input: createLabelSchema.parse({ name: "VIP", color: "violet" }) });
    await createLabel(db, { actor: lead, input: createLabelSchema.parse({ name: "baggage" }) });
    expect(await reasonOf(createLabel(db, { actor: lead, input: createLabelSchema.parse({ name: "vip" }) }))).toEqual({ code: "conflict", reason: "label.name_taken" });
    expect((await listLabels(db, { workspaceId: ws.workspace.id })).items.map((l) => [l.name, l.color, l.conversations])).toEqual([
      ["baggage", "slate", 0],
      ["VIP", "violet", 0],
    ]);
    const renamed = await updateLabel(db, { actor: lead, id: vip.id, input: { name: "Gold", color: "amber" } });
    expect(renamed).toMatchObject({ name: "Gold", color: "amber" });
    expect(await reasonOf(updateLabel(db, { actor: lead, id: vip.id, input: { name: "Baggage" } }))).toEqual({ code: "conflict", reason: "label.name_taken" });
  });

  it("rejects bad input with field errors", () => {
    expect(createLabelSchema.safeParse({ name: " " }).success).toBe(false);
    expect(createLabelSchema.safeParse({ name: "x".repeat(41) }).success).toBe(false);
    expect(createLabelSchema.safeParse({ name: "ok", color: "neon" }).success).toBe(false);
    expect(setConversationLabelsSchema.safeParse({ labelIds: ["nope"] }).success).toBe(false);
  });

  it("sets a conversation's labels as a set: one thread event per change, audit, list rows, filter; the same set again writes nothing", async () => {
    const { db, ws, lead, agent } = await world();
    const refund = await createLabel(db, { actor: lead, input: { name: "Refund", color: "red" } });
    const bags = await createLabel(db, { actor: lead, input: { name: "Bags", color: "blue" } });
    const { conversation } = await makeConversation(db, ws);
    const other = await makeConversation(db, ws);

    const first = await setConversationLabels(db, { actor: agent, conversationId: conversation.id, input: { labelIds: [refund.id, bags.id, refund.id] } });
    expect(first.changed).toBe(true);
    expect((await getConversation(db, ws.workspace.id, conversation.id)).labels.map((l) => l.name)).toEqual(["Bags", "Refund"]);

    const again = await setConversationLabels(db, { actor: agent, conversationId: conversation.id, input: { labelIds: [bags.id, refund.id] } });
    expect(again.changed).toBe(false);

    await setConversationLabels(db, { actor: agent, conversationId: conversation.id, input: { labelIds: [bags.id] } });
    const events = await db.select({ payload: messages.payload }).from(messages).where(and(eq(messages.conversationId, conversation.id), eq(messages.kind, "event")));
    expect(events.map((e) => [e.payload?.added, e.payload?.removed])).toEqual(expect.arrayContaining([[["Bags", "Refund"], []], [[], ["Refund"]]]));
    expect(events).toHaveLength(2);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.conversationId, conversation.id), eq(auditLog.action, "conversation.labels_changed")));
    expect(audits).toHaveLength(2);

    const filtered = await findConversations(db, ws.workspace.id, agent.userId, listConversationsSchema.parse({ label: bags.id }));
    expect(filtered.items.map((c) => c.id)).toEqual([conversation.id]);
    expect(filtered.items[0]!.labels).toEqual([{ id: bags.id, name: "Bags", color: "blue" }]);
    expect((await findConversations(db, ws.workspace.id, agent.userId, listConversationsSchema.parse({ label: refund.id }))).items).toEqual([]);
    expect((await listLabels(db, { workspaceId: ws.workspace.id })).items.find((l) => l.id === bags.id)?.conversations).toBe(1);
    expect(other.conversation.id).not.toBe(conversation.id);

    await deleteLabel(db, { actor: lead, id: bags.id });
    expect((await getConversation(db, ws.workspace.id, conversation.id)).labels).toEqual([]);
  });

  it("keeps workspaces apart: another workspace's label or conversation is unknown", async () => {
    const a = await world();
    const b = await world();
    const foreign = await createLabel(b.db, { actor: b.lead, input: { name: "Theirs", color: "slate" } });
    const { conversation } = await makeConversation(a.db, a.ws);
    expect(await reasonOf(setConversationLabels(a.db, { actor: a.agent, conversationId: conversation.id, input: { labelIds: [foreign.id] } }))).toEqual({ code: "validation_failed", reason: "label.unknown" });
    expect(await reasonOf(updateLabel(a.db, { actor: a.lead, id: foreign.id, input: { color: "red" } }))).toEqual({ code: "not_found", reason: "label.not_found" });
    expect(await reasonOf(deleteLabel(a.db, { actor: a.lead, id: foreign.id }))).toEqual({ code: "not_found", reason: "label.not_found" });
    const mine = await createLabel(a.db, { actor: a.lead, input: { name: "Theirs", color: "slate" } });
    expect(mine.name).toBe("Theirs");
    const theirConv = await makeConversation(b.db, b.ws);
    expect(await reasonOf(setConversationLabels(a.db, { actor: a.agent, conversationId: theirConv.conversation.id, input: { labelIds: [mine.id] } }))).toEqual({ code: "not_found", reason: "conversation.not_found" });
  });
});
