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
 * unanswered. One wait counts once, however many messages the customer sent in a row. Not a miss:
 * a conversation we resolved within those 24 hours (the last word needed no answer), a window
 * that has not closed yet at the report's `now`. A miss is dated by the day its window closed.
 */
export async function getWindowMisses(db: Db, scope: ReportScope): Promise<WindowMisses> {
  const rows = await queryRows<{ day: string; n: unknown }>(
    db,
    sql`
      with misses as (
        select m.created_at + interval '24 hours' as closed_at
          from messages m
          join conversations c on c.id = m.conversation_id
         where m.workspace_id = ${scope.workspaceId}::uuid
           and ${conversationFilter(scope)}
           and m.direction = 'inbound' and m.author_type = 'customer'
           and m.created_at >= ${scope.lo}::timestamptz - interval '24 hours'
           and m.created_at < ${scope.hi}::timestamptz - interval '24 hours'
           and m.created_at + interval '24 hours' <= ${scope.now}::timestamptz
           and not exists (
             select 1 from messages n
              where n.conversation_id = m.conversation_id
                and (n.created_at > m.created_at or (n.created_at = m.created_at and n.id > m.id))
                and n.created_at <= m.created_at + interval '24 hours'
                and ((n.direction = 'inbound' and n.author_type = 'customer')
                  or (n.direction = 'outbound' and n.author_type = 'agent' and n.status is distinct from 'failed')))
           and not (c.status = 'resolved' and c.resolved_at > m.created_at and c.resolved_at <= m.created_at + interval '24 hours')),
      per_day as (select ${localDay(scope, sql`closed_at`)} as day, count(*)::int as n from misses group by 1)
      select d.day::text as day, coalesce(p.n, 0) as n
        from (${daysSeries(scope)}) d
        left join per_day p on p.day = d.day
       order by d.day`,
  );
  const days = rows.map((r) => ({ day: r.day, count: num(r.n) }));
  return { total: days.reduce((s, d) => s + d.count, 0), days };
}
