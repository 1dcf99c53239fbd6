import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationLabels, labels } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { isUniqueViolation } from "@/lib/db/errors";
import { publishEvent } from "@/lib/realtime/events";
import { lockConversation } from "@/lib/conversations/mutations";
import { insertSystemEvent } from "@/lib/conversations/system-events";
import { labelErrors } from "./errors";
import type { CreateLabelInput, LabelColor, SetConversationLabelsInput, UpdateLabelInput } from "./schemas";

export type LabelDto = { id: string; name: string; color: LabelColor; conversations: number };

/** The workspace's labels, alphabetical, each with how many conversations carry it. */
export async function listLabels(db: Db, { workspaceId }: { workspaceId: string }): Promise<{ items: LabelDto[] }> {
  const rows = await db
    .select({
      id: labels.id,
      name: labels.name,
      color: labels.color,
      conversations: sql<number>`(select count(*)::int from ${conversationLabels} cl where cl.label_id = ${labels.id})`,
    })
    .from(labels)
    .where(eq(labels.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${labels.name})`));
  return { items: rows.map((r) => ({ ...r, color: r.color as LabelColor })) };
}

async function labelsChanged(db: Db, workspaceId: string) {
  await publishEvent(db, { type: "labels.changed", workspaceId });
}

export async function createLabel(db: Db, { actor, input }: { actor: Actor; input: CreateLabelInput }): Promise<LabelDto> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx.insert(labels).values({ workspaceId: actor.workspaceId, name: input.name, color: input.color }).returning();
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "label.created", data: { labelId: row!.id, name: input.name } });
      await labelsChanged(tx, actor.workspaceId);
      return { id: row!.id, name: row!.name, color: row!.color as LabelColor, conversations: 0 };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw labelErrors.nameTaken(input.name);
    throw err;
  }
}

export async function updateLabel(db: Db, { actor, id, input }: { actor: Actor; id: string; input: UpdateLabelInput }): Promise<LabelDto> {
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .update(labels)
        .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.color !== undefined ? { color: input.color } : {}) })
        .where(and(eq(labels.workspaceId, actor.workspaceId), eq(labels.id, id)))
        .returning();
      if (!row) throw labelErrors.notFound();
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "label.updated", data: { labelId: id, ...input } });
      await labelsChanged(tx, actor.workspaceId);
      const [{ n }] = (await tx.select({ n: sql<number>`count(*)::int` }).from(conversationLabels).where(eq(conversationLabels.labelId, id))) as [{ n: number }];
      return { id: row.id, name: row.name, color: row.color as LabelColor, conversations: n };
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.name) throw labelErrors.nameTaken(input.name);
    throw err;
  }
}

/** Deleting a label takes it off every conversation (the audit log keeps its name). */
export async function deleteLabel(db: Db, { actor, id }: { actor: Actor; id: string }): Promise<{ id: string; deleted: true }> {
  return db.transaction(async (tx) => {
    const [row] = await tx.delete(labels).where(and(eq(labels.workspaceId, actor.workspaceId), eq(labels.id, id))).returning({ name: labels.name });
    if (!row) throw labelErrors.notFound();
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "label.deleted", data: { labelId: id, name: row.name } });
    await labelsChanged(tx, actor.workspaceId);
    return { id, deleted: true as const };
  });
}

/**
 * Makes a conversation carry exactly these labels. The difference shows in the thread as one
 * event ("Giulia added Refund, removed VIP"), goes to the audit log, and reaches everyone live;
 * setting the same set again changes nothing and writes nothing.
 */
export async function setConversationLabels(db: Db, { actor, conversationId, input }: { actor: Actor; conversationId: string; input: SetConversationLabelsInput }) {
  return db.transaction(async (tx) => {
    const conv = await lockConversation(tx, actor.workspaceId, conversationId);
    const wanted = [...new Set(input.labelIds)];
    const found = wanted.length
      ? await tx.select({ id: labels.id, name: labels.name }).from(labels).where(and(eq(labels.workspaceId, actor.workspaceId), inArray(labels.id, wanted)))
      : [];
    if (found.length !== wanted.length) {
      const known = new Set(found.map((l) => l.id));
      throw labelErrors.unknown(wanted.filter((id) => !known.has(id)));
    }
    const current = await tx
      .select({ id: labels.id, name: labels.name })
      .from(conversationLabels)
      .innerJoin(labels, eq(labels.id, conversationLabels.labelId))
      .where(eq(conversationLabels.conversationId, conversationId));
    const currentIds = new Set(current.map((l) => l.id));
    const wantedIds = new Set(wanted);
    const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);
    const added = found.filter((l) => !currentIds.has(l.id)).sort(byName);
    const removed = current.filter((l) => !wantedIds.has(l.id)).sort(byName);
    if (added.length === 0 && removed.length === 0) return { id: conversationId, labelIds: wanted, changed: false };

    if (added.length) {
      await tx.insert(conversationLabels).values(added.map((l) => ({ workspaceId: actor.workspaceId, conversationId, labelId: l.id }))).onConflictDoNothing();
    }
    if (removed.length) {
      await tx.delete(conversationLabels).where(and(eq(conversationLabels.conversationId, conversationId), inArray(conversationLabels.labelId, removed.map((l) => l.id))));
    }
    const event = { action: "labels_changed" as const, by: actor.userId, byName: actor.name, added: added.map((l) => l.name), removed: removed.map((l) => l.name) };
    await insertSystemEvent(tx, conv, event, new Date());
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, conversationId, action: "conversation.labels_changed", data: { added: added.map((l) => l.id), removed: removed.map((l) => l.id) } });
    await publishEvent(tx, { type: "conversation.updated", workspaceId: actor.workspaceId, conversationId, fields: ["labels"] });
    return { id: conversationId, labelIds: wanted, changed: true };
  });
}
