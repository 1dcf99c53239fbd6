import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { sessions, users } from "@/lib/db/schema";
import { preparedRead } from "@/lib/db/prepared";
import type { Actor } from "./actor";

/** A session lasts this long from sign-in, whatever refreshes its token meanwhile. */
export const SESSION_HOURS = 12;

/** A new signed-in browser; its id goes into the JWT. */
export async function openSession(db: Db, { userId, workspaceId, now = new Date() }: { userId: string; workspaceId: string; now?: Date }): Promise<string> {
  const [row] = await db
    .insert(sessions)
    .values({ userId, workspaceId, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000) })
    .returning({ id: sessions.id });
  return row!.id;
}

/** Sign-out: the token stops working everywhere it was copied to. */
export async function revokeSession(db: Db, { sessionId, now = new Date() }: { sessionId: string; now?: Date }): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The user behind a live session (one query): null when the session was revoked or has expired,
 * the user was deactivated, or the token names another workspace. Requests read it through
 * lib/auth/session-cache.ts, which keeps it for a few seconds and drops it when it changes.
 */
export async function loadSessionActor(
  db: Db,
  claims: { sessionId: string | undefined; userId: string; workspaceId: string; now?: Date },
): Promise<Actor | null> {
  return (await readSession(db, claims))?.actor ?? null;
}

/** `loadSessionActor` with the session's expiry, for the cache to keep it no longer. */
export async function readSession(
  db: Db,
  { sessionId, userId, workspaceId, now = new Date() }: { sessionId: string | undefined; userId: string; workspaceId: string; now?: Date },
): Promise<{ actor: Actor; expiresAt: Date } | null> {
  if (!sessionId || !UUID.test(sessionId) || !UUID.test(userId) || !UUID.test(workspaceId)) return null;
  const [row] = await preparedRead(db, "auth.session-actor", () =>
    db
      .select({ id: users.id, workspaceId: users.workspaceId, role: users.role, name: users.name, email: users.email, active: users.active, expiresAt: sessions.expiresAt })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          sql`${sessions.id} = ${sql.placeholder("sessionId")}::uuid`,
          sql`${sessions.userId} = ${sql.placeholder("userId")}::uuid`,
          sql`${users.workspaceId} = ${sql.placeholder("workspaceId")}::uuid`,
          sql`${sessions.workspaceId} = ${sql.placeholder("workspaceId")}::uuid`,
          isNull(sessions.revokedAt),
          sql`${sessions.expiresAt} > ${sql.placeholder("now")}::timestamptz`,
        ),
      )
      .limit(1),
  ).execute({ sessionId, userId, workspaceId, now: now.toISOString() });
  if (!row || !row.active) return null;
  return { actor: { userId: row.id, workspaceId: row.workspaceId, role: row.role, name: row.name, email: row.email, sessionId }, expiresAt: row.expiresAt };
}
