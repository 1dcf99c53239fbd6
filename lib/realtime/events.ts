import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";

export const EVENTS_CHANNEL = "sportello_events";

/** What changed, small enough for NOTIFY's 8 KB limit: ids only; lib/live reads the rows once per process. */
export type RealtimeEvent =
  | { type: "message.created"; workspaceId: string; conversationId: string; messageId: string }
  | { type: "message.updated"; workspaceId: string; conversationId: string; messageId: string }
  | { type: "conversation.updated"; workspaceId: string; conversationId: string; fields: string[] }
  /** A teammate's availability or capacity changed. */
  | { type: "presence.updated"; workspaceId: string; userId: string }
  /** A team's settings changed (auto-assign). */
  | { type: "team.updated"; workspaceId: string; teamId: string }
  | { type: "channel.updated"; workspaceId: string; channelId: string }
  | { type: "booking.updated"; workspaceId: string; contactId: string; bookingId: string }
  /** A template changed (created, edited, synced, or Meta's status/quality/category webhook); null: several. */
  | { type: "template.updated"; workspaceId: string; templateId: string | null }
  /** A label was created, renamed, recoloured or deleted. */
  | { type: "labels.changed"; workspaceId: string }
  /** A payment request or one of its refunds changed (created, paid, declined, cancelled, expired, refund asked/decided). */
  | { type: "payment.updated"; workspaceId: string; conversationId: string; paymentRequestId: string }
  /** Who has a thread open or is typing in it changed (lib/presence). */
  | { type: "viewers.updated"; workspaceId: string; conversationId: string }
  /** The workspace's settings or team rules changed (only the assignee replies…). */
  | { type: "workspace.updated"; workspaceId: string }
  /** Personal: delivered to `userId`'s streams only (lib/live/audience.ts). */
  | { type: "notification.created"; workspaceId: string; userId: string; notificationId: string }
  /** Personal: some (ids) or all (null) of `userId`'s notifications were marked read. */
  | { type: "notifications.read"; workspaceId: string; userId: string; ids: string[] | null };

/**
 * Sends the event through Postgres NOTIFY. Inside a transaction it is delivered at commit,
 * so nobody hears about a write that rolled back.
 */
export async function publishEvent(db: Db, event: RealtimeEvent): Promise<void> {
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(event)})`);
}

/** Several events, a few hundred per statement (a select list holds at most 1,664 columns). */
export async function publishEvents(db: Db, events: RealtimeEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const chunk = events.slice(i, i + 500);
    await db.execute(sql`select ${sql.join(chunk.map((e) => sql`pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(e)})`), sql`, `)}`);
  }
}
