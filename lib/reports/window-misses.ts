import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, daysSeries, localDay, num, queryRows, type ReportScope } from "./scope";

export type WindowMisses = { total: number; days: { day: string; count: number }[] };

/**
 * 24-hour-window misses per day. WhatsApp's customer service window opens (or renews) with each
 * customer message (conversations.last_inbound_at, lib/whatsapp/window.ts) and closes 24 hours
 * later; after that only templates reach the customer.
 *
 * A window miss is a customer message m after which, for the next 24 hours, the conversation
 * heard neither a reply of ours (outbound by an agent, not failed; an automation such as the
 * welcome message is no reply) nor another customer message (which would renew the window and
 * become the message to answer): the window closed at m + 24 h with the customer's last word
 * unanswered (a reaction or WhatsApp's identity notice is no message to answer). One wait counts once, however many messages the customer sent in a row. Not a miss:
 * a conversation we resolved within those 24 hours (the last word needed no answer), a window
 * that has not closed yet at the report's `now`. A miss is dated by the day its window closed.
 *
 * Which message is which is decided once, in SQL (message_window_role, migration 0017), where the
 * triggers that keep message_windows use it too; so is "resolved within" (message_window_resolved_within).
 */
export async function getWindowMisses(db: Db, scope: ReportScope): Promise<WindowMisses> {
  const filtered = !!(scope.teamId || scope.agentId);
  const rows = await queryRows<{ day: string; n: unknown }>(
    db,
    sql`
      with misses as (
        -- The kept facts (message_windows, migration 0017): each customer message with the time of
        -- the next customer message or reply in its conversation and whether the conversation was
        -- resolved within its 24 hours. Only the misses are in message_windows_ws_missed_idx
        -- (~1.4k a month, read index-only), not the ~135k messages a LEAD per conversation sorted.
        select w.at + interval '24 hours' as closed_at
          from message_windows w
          ${filtered ? sql`join conversations c on c.id = w.conversation_id and ${conversationFilter(scope)}` : sql``}
         where w.workspace_id = ${scope.workspaceId}::uuid
           and w.at >= ${scope.lo}::timestamptz - interval '24 hours'
           and w.at < ${scope.hi}::timestamptz - interval '24 hours'
           and (w.next_at is null or w.next_at - w.at > interval '24 hours') and not w.resolved_within
           and w.at + interval '24 hours' <= ${scope.now}::timestamptz),
      per_day as (select ${localDay(scope, sql`closed_at`)} as day, count(*)::int as n from misses group by 1)
      select d.day::text as day, coalesce(p.n, 0) as n
        from (${daysSeries(scope)}) d
        left join per_day p on p.day = d.day
       order by d.day`,
  );
  const days = rows.map((r) => ({ day: r.day, count: num(r.n) }));
  return { total: days.reduce((s, d) => s + d.count, 0), days };
}
