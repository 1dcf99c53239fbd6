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
 */
export async function getWindowMisses(db: Db, scope: ReportScope): Promise<WindowMisses> {
  const rows = await queryRows<{ day: string; n: unknown }>(
    db,
    sql`
      with relevant as (
        -- One pass over the window's messages (each conversation's in order, LEAD for the next one),
        -- not a lookup per customer message: at a million messages the lookups took 1.5 s.
        select m.conversation_id, m.direction, m.created_at,
               lead(m.created_at) over (partition by m.conversation_id order by m.created_at, m.id) as next_at
          from messages m
         where m.workspace_id = ${scope.workspaceId}::uuid
           and m.created_at >= ${scope.lo}::timestamptz - interval '24 hours'
           and m.created_at < ${scope.hi}::timestamptz
           and ((m.direction = 'inbound' and m.author_type = 'customer' and m.kind not in ('reaction', 'system'))
             or (m.direction = 'outbound' and m.author_type = 'agent' and m.status is distinct from 'failed'))),
      misses as (
        select r.created_at + interval '24 hours' as closed_at
          from relevant r
          join conversations c on c.id = r.conversation_id
         where ${conversationFilter(scope)}
           and r.direction = 'inbound'
           and r.created_at < ${scope.hi}::timestamptz - interval '24 hours'
           and r.created_at + interval '24 hours' <= ${scope.now}::timestamptz
           and (r.next_at is null or r.next_at > r.created_at + interval '24 hours')
           and not (c.status = 'resolved' and c.resolved_at > r.created_at and c.resolved_at <= r.created_at + interval '24 hours')),
      per_day as (select ${localDay(scope, sql`closed_at`)} as day, count(*)::int as n from misses group by 1)
      select d.day::text as day, coalesce(p.n, 0) as n
        from (${daysSeries(scope)}) d
        left join per_day p on p.day = d.day
       order by d.day`,
  );
  const days = rows.map((r) => ({ day: r.day, count: num(r.n) }));
  return { total: days.reduce((s, d) => s + d.count, 0), days };
}
