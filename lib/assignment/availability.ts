import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { users, workspaces } from "@/lib/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent, publishEvents, type RealtimeEvent } from "@/lib/realtime/events";
import { autoTeamsOf, drainTeams, lockRouting } from "./engine";
import { assignmentErrors } from "./errors";
import type { Availability } from "./schemas";

/**
 * PUT /api/me/availability: online, away or offline, for everyone to see at once. Going online
 * hands the agent the oldest waiting conversations of their auto-assign teams, up to capacity.
 */
export async function setAvailability(db: Db, actor: Actor, { availability }: { availability: Availability }, now = new Date()) {
  return db.transaction(async (tx) => {
    const [me] = await tx
      .select({ availability: users.availability })
      .from(users)
      .where(and(eq(users.workspaceId, actor.workspaceId), eq(users.id, actor.userId)))
      .for("update");
    if (!me) throw assignmentErrors.unknownMember();
    if (me.availability === availability) {
      await tx.update(users).set({ lastSeenAt: now }).where(eq(users.id, actor.userId));
      return { availability, assigned: 0 };
    }
    await tx.update(users).set({ availability, availabilityChangedAt: now, lastSeenAt: now }).where(eq(users.id, actor.userId));
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "user.availability_changed", data: { from: me.availability, to: availability } });
    await publishEvent(tx, { type: "presence.updated", workspaceId: actor.workspaceId, userId: actor.userId });
    let assigned = 0;
    if (availability === "online") {
      await lockRouting(tx, actor.workspaceId);
      assigned = await drainTeams(tx, actor.workspaceId, await autoTeamsOf(tx, actor.workspaceId, actor.userId), { now });
    }
    return { availability, assigned };
  });
}

/**
 * The auto-away rule: an online teammate not seen (no request, no open stream) for their
 * workspace's auto_away_minutes becomes away. One statement re-checks each row under its lock,
 * so running it from several processes at once changes (and announces) each person once.
 */
export async function markIdleAway(db: Db, now = new Date()): Promise<{ userId: string; workspaceId: string }[]> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(users)
      .set({ availability: "away", availabilityChangedAt: now })
      .where(
        and(
          eq(users.availability, "online"),
          eq(users.active, true),
          sql`${users.workspaceId} in (select ${workspaces.id} from ${workspaces} where ${workspaces.autoAwayMinutes} > 0)`,
          sql`coalesce(${users.lastSeenAt}, ${users.availabilityChangedAt}, ${users.createdAt}) <
              ${now.toISOString()}::timestamptz - make_interval(mins => (select ${workspaces.autoAwayMinutes} from ${workspaces} where ${workspaces.id} = ${users.workspaceId}))`,
        ),
      )
      .returning({ userId: users.id, workspaceId: users.workspaceId });
    const events: RealtimeEvent[] = [];
    for (const m of moved) {
      await recordAudit(tx, { workspaceId: m.workspaceId, actorUserId: null, action: "user.availability_changed", data: { userId: m.userId, from: "online", to: "away", auto: true } });
      events.push({ type: "presence.updated", workspaceId: m.workspaceId, userId: m.userId });
    }
    await publishEvents(tx, events);
    return moved;
  });
}
