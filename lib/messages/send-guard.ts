import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import { isAutomation, type Sender } from "@/lib/auth/actor";
import { conversations, messages, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { getWorkspaceRules } from "@/lib/workspace/rules";
import { messageErrors, type ChangeSince } from "./errors";

// The two collision rules of the send path, checked by sendMessage on the LOCKED conversation, so
// two agents sending at once are ordered and the second one sees the first one's message.

type ConversationRow = typeof conversations.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The report names at most this many changes (the newest conversation state is one reload away). */
const MAX_CHANGES = 10;

/**
 * "Only the assignee replies" (a workspace rule, off by default): a teammate's send to a
 * conversation assigned to someone else is refused, whatever their role. Leads and admins are not
 * exempt: they take the conversation over first (one click, `conversation:assign`), which leaves a
 * timeline entry and tells everyone who answers now. Unassigned conversations stay open to all
 * (the first reply claims them), and Sportello's own messages (welcome, payment receipts) pass.
 */
export async function assertMayReply(tx: Db, actor: Sender, conv: ConversationRow): Promise<void> {
  if (isAutomation(actor) || !conv.assigneeId || conv.assigneeId === actor.userId) return;
  const { onlyAssigneeReplies } = await getWorkspaceRules(tx, actor.workspaceId);
  if (!onlyAssigneeReplies) return;
  const [assignee] = await tx.select({ name: users.name }).from(users).where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, conv.assigneeId))).limit(1);
  throw messageErrors.notAssignee({ id: conv.assigneeId, name: assignee?.name ?? "A teammate" });
}

/**
 * The send-time guard: what teammates wrote (a reply, a template, a payment request, a note) after
 * `seenUpTo`, the newest message the sender had in view when they started writing. Customer
 * messages never block (answering them is the point), nor do the sender's own messages or
 * Sportello's automations. Nothing to check without `seenUpTo` or with `force`.
 */
export async function assertNothingChanged(
  tx: Db,
  { actor, conv, seenUpTo, force }: { actor: Sender; conv: ConversationRow; seenUpTo?: string; force?: boolean },
): Promise<void> {
  if (force || !seenUpTo || isAutomation(actor)) return;
  let after;
  if (UUID.test(seenUpTo)) {
    const [seen] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(and(eq(messages.workspaceId, conv.workspaceId), eq(messages.conversationId, conv.id), eq(messages.id, seenUpTo)))
      .limit(1);
    if (!seen) throw messageErrors.seenUnknown();
    // The thread's own order (created_at, id): exactly the messages shown below the one seen.
    after = sql`(${messages.createdAt}, ${messages.id}) > (select m.created_at, m.id from messages m where m.id = ${seenUpTo}::uuid)`;
  } else {
    after = sql`${messages.createdAt} > ${new Date(seenUpTo).toISOString()}::timestamptz`;
  }
  const rows = await tx
    .select({ id: messages.id, kind: messages.kind, text: messages.text, authorId: messages.authorUserId, authorName: users.name, createdAt: messages.createdAt })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorUserId))
    .where(
      and(
        eq(messages.workspaceId, conv.workspaceId),
        eq(messages.conversationId, conv.id),
        after,
        or(and(eq(messages.direction, "outbound"), eq(messages.authorType, "agent")), and(eq(messages.direction, "internal"), eq(messages.kind, "note"))),
        ne(messages.authorUserId, actor.userId),
      ),
    )
    .orderBy(asc(messages.createdAt), asc(messages.id))
    .limit(MAX_CHANGES);
  if (rows.length === 0) return;
  const changes: ChangeSince[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    note: r.kind === "note",
    author: r.authorId ? { id: r.authorId, name: r.authorName ?? "" } : null,
    snippet: (r.text ?? "").replace(/\s+/g, " ").trim().slice(0, 140),
    createdAt: r.createdAt.toISOString(),
  }));
  throw messageErrors.changedSince(changes);
}
