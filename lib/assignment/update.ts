import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversations } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError, type ErrorCode, type ErrorParams } from "@/lib/errors/app-error";
import { isUniqueViolation } from "@/lib/db/errors";
import { conversationErrors } from "@/lib/conversations/errors";
import { applyConversationUpdate, lockConversation, type ConversationChange, type ConversationUpdateHooks } from "@/lib/conversations/mutations";
import type { UpdateConversationInput } from "@/lib/conversations/schemas";
import { routeAfterChanges } from "./after-change";
import type { BulkUpdateInput } from "./schemas";

/**
 * PATCH /api/conversations/:id: the conversation's rules (lib/conversations), then routing —
 * whoever it freed gets the queue's next conversation, a reopened or unassigned one of an
 * auto-assign team is handed out — in the same transaction.
 */
export async function changeConversation(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateConversationInput,
  hooks: ConversationUpdateHooks = {},
): Promise<{ id: string; changed: string[]; queued: string[] }> {
  try {
    return await db.transaction(async (tx) => {
      const now = new Date();
      const conv = await lockConversation(tx, actor.workspaceId, id);
      const change = await applyConversationUpdate(tx, actor, conv, input, now, hooks);
      await routeAfterChanges(tx, actor.workspaceId, [change], now);
      return { id, changed: change.changed, queued: change.queued };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conversationErrors.anotherLiveConversation();
    throw err;
  }
}

export type BulkResult =
  | { id: string; ok: true; changed: string[] }
  | { id: string; ok: false; status: number; error: { code: ErrorCode; message: string; reason?: string; params?: ErrorParams } };

function failure(id: string, err: AppError): BulkResult {
  return { id, ok: false, status: err.status, error: { code: err.code, message: err.message, ...(err.reason ? { reason: err.reason } : {}), ...(err.params ? { params: err.params } : {}) } };
}

/**
 * POST /api/conversations/bulk: one change applied to each conversation by exactly the rules of
 * a single PATCH (an agent takes only unassigned ones and drops only their own), in one
 * transaction. Each conversation is a savepoint: one that is refused (403, 404, 409) leaves the
 * others applied and says why in its own result. Rows are locked in id order, so two bulk
 * changes over the same conversations queue up instead of deadlocking; routing runs once at the end.
 */
export async function bulkUpdateConversations(
  db: Db,
  actor: Actor,
  input: BulkUpdateInput,
  hooks: ConversationUpdateHooks = {},
): Promise<{ results: BulkResult[]; queued: string[] }> {
  const change: UpdateConversationInput = {
    ...(input.status !== undefined ? { status: input.status } : {}),
    ...(input.assigneeId !== undefined ? { assigneeId: input.assigneeId } : {}),
    ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
  };
  return db.transaction(async (tx) => {
    const now = new Date();
    const rows = await tx
      .select()
      .from(conversations)
      .where(and(eq(conversations.workspaceId, actor.workspaceId), inArray(conversations.id, input.ids)))
      .orderBy(asc(conversations.id))
      .for("update");
    const byId = new Map(rows.map((r) => [r.id, r]));
    const results: BulkResult[] = [];
    const changes: ConversationChange[] = [];
    for (const id of input.ids) {
      const conv = byId.get(id);
      if (!conv) {
        results.push(failure(id, conversationErrors.notFound()));
        continue;
      }
      try {
        const applied = await tx.transaction((sp) => applyConversationUpdate(sp, actor, conv, change, now, hooks));
        changes.push(applied);
        results.push({ id, ok: true, changed: applied.changed });
      } catch (err) {
        if (err instanceof AppError) results.push(failure(id, err));
        else if (isUniqueViolation(err)) results.push(failure(id, conversationErrors.anotherLiveConversation()));
        else throw err;
      }
    }
    await routeAfterChanges(tx, actor.workspaceId, changes, now);
    return { results, queued: changes.flatMap((c) => c.queued) };
  });
}
