import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { conversationErrors } from "@/lib/conversations/errors";
import { conversations, conversationViewers, users } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";

// Presence in a thread: who has it open (a heartbeat every ~15 s while it is visible) and who is
// typing a reply in it. Not history: one row per (conversation, user), overwritten.
//
// Every visible change is published (`viewers.updated`) so the others' headers update without
// polling. A heartbeat that changes nothing anyone sees writes and publishes nothing, except that
// a viewer's `seen_at` is renewed (and published) once it is VIEWER_REFRESH_MS old: a live viewer
// is never older than ~35 s on anyone's screen, and a vanished one (a crashed tab that never said
// goodbye) drops out there VIEWER_TTL_MS after its last renewal.

/** A viewer not seen for this long is gone. */
export const VIEWER_TTL_MS = 40_000;
/** How old `seen_at` may get before a heartbeat renews it and tells the others. */
export const VIEWER_REFRESH_MS = 20_000;
/** "Typing…" ends this long after the last keystroke signal (the typist also says when it stops). */
export const TYPING_TTL_MS = 20_000;
/** How old `typing_at` may get while typing goes on before it is renewed and told. */
export const TYPING_REFRESH_MS = 10_000;

/** One teammate in a thread. Ages (not clock times) so another machine's clock never matters. */
export type ViewerDto = { userId: string; name: string; typing: boolean; seenAgoMs: number; typingAgoMs: number | null };

async function assertConversation(db: Db, workspaceId: string, conversationId: string) {
  const [conv] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, workspaceId), eq(conversations.id, conversationId)))
    .limit(1);
  if (!conv) throw conversationErrors.notFound();
}

/**
 * The heartbeat of an open thread (PUT /api/conversations/:id/viewers): the actor is viewing it,
 * typing a reply or not. Returns whether the others were told of a change.
 */
export async function touchViewer(db: Db, { actor, conversationId, typing }: { actor: Actor; conversationId: string; typing: boolean }): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    await assertConversation(tx, actor.workspaceId, conversationId);
    const now = new Date();
    const at = now.getTime();
    const [prev] = await tx
      .select({ seenAt: conversationViewers.seenAt, typingAt: conversationViewers.typingAt })
      .from(conversationViewers)
      .where(and(eq(conversationViewers.conversationId, conversationId), eq(conversationViewers.userId, actor.userId)))
      .for("update")
      .limit(1);
    const alive = !!prev && at - prev.seenAt.getTime() < VIEWER_TTL_MS;
    const wasTyping = alive && !!prev?.typingAt && at - prev.typingAt.getTime() < TYPING_TTL_MS;
    const seenAt = alive && at - prev!.seenAt.getTime() < VIEWER_REFRESH_MS ? prev!.seenAt : now;
    const typingAt = !typing ? null : wasTyping && at - prev!.typingAt!.getTime() < TYPING_REFRESH_MS ? prev!.typingAt : now;
    const changed = !alive || seenAt === now || typingAt === now || wasTyping !== typing;
    if (!changed) return { changed: false };
    await tx
      .insert(conversationViewers)
      .values({ workspaceId: actor.workspaceId, conversationId, userId: actor.userId, seenAt, typingAt })
      .onConflictDoUpdate({ target: [conversationViewers.conversationId, conversationViewers.userId], set: { seenAt, typingAt } });
    await publishEvent(tx, { type: "viewers.updated", workspaceId: actor.workspaceId, conversationId });
    return { changed: true };
  });
}

/** The actor left the thread (DELETE, also sent on pagehide). Idempotent. */
export async function leaveViewer(db: Db, { actor, conversationId }: { actor: Actor; conversationId: string }): Promise<{ changed: boolean }> {
  return db.transaction(async (tx) => {
    await assertConversation(tx, actor.workspaceId, conversationId);
    const gone = await tx
      .delete(conversationViewers)
      .where(and(eq(conversationViewers.workspaceId, actor.workspaceId), eq(conversationViewers.conversationId, conversationId), eq(conversationViewers.userId, actor.userId)))
      .returning({ userId: conversationViewers.userId });
    if (gone.length > 0) await publishEvent(tx, { type: "viewers.updated", workspaceId: actor.workspaceId, conversationId });
    return { changed: gone.length > 0 };
  });
}

/** Who is in these threads now (not expired), by conversation; the actor's own row included. */
export async function findViewers(db: Db, { workspaceId, conversationIds }: { workspaceId: string; conversationIds: string[] }): Promise<Map<string, ViewerDto[]>> {
  const out = new Map<string, ViewerDto[]>(conversationIds.map((id) => [id, []]));
  if (conversationIds.length === 0) return out;
  const now = Date.now();
  const rows = await db
    .select({ conversationId: conversationViewers.conversationId, userId: conversationViewers.userId, name: users.name, seenAt: conversationViewers.seenAt, typingAt: conversationViewers.typingAt })
    .from(conversationViewers)
    .innerJoin(users, and(eq(users.id, conversationViewers.userId), eq(users.active, true)))
    .where(
      and(
        eq(conversationViewers.workspaceId, workspaceId),
        inArray(conversationViewers.conversationId, [...new Set(conversationIds)]),
        gt(conversationViewers.seenAt, new Date(now - VIEWER_TTL_MS)),
      ),
    )
    .orderBy(asc(conversationViewers.seenAt));
  for (const r of rows) {
    const typingAgoMs = r.typingAt ? Math.max(0, now - r.typingAt.getTime()) : null;
    out.get(r.conversationId)?.push({
      userId: r.userId,
      name: r.name,
      typing: typingAgoMs !== null && typingAgoMs < TYPING_TTL_MS,
      seenAgoMs: Math.max(0, now - r.seenAt.getTime()),
      typingAgoMs,
    });
  }
  return out;
}

/** GET /api/conversations/:id/viewers. */
export async function listViewers(db: Db, { actor, conversationId }: { actor: Actor; conversationId: string }): Promise<{ items: ViewerDto[] }> {
  await assertConversation(db, actor.workspaceId, conversationId);
  const found = await findViewers(db, { workspaceId: actor.workspaceId, conversationIds: [conversationId] });
  return { items: found.get(conversationId) ?? [] };
}
