import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { firstResponseSecs, isFirstResponseSample } from "./response-times";
import { conversationFilter, inRange, num, numOrNull, queryRows, seconds, type ReportScope } from "./scope";

/**
 * One row per assignee (null: unassigned) with anything in the range. Each column is the
 * matching workspace figure filtered by that agent:
 *   handled — conversations in which we replied (outbound by an agent, not failed) in the range;
 *   firstResponseMedian — the first-response samples (response-times.ts) of their conversations;
 *   resolved — their conversations resolved in the range (as in volume.ts);
 *   csatAverage / csatAnswered — ratings of their conversations asked in the range (as in csat.ts).
 */
export type AgentRow = {
  userId: string | null;
  name: string | null;
  handled: number;
  firstResponseMedian: number | null;
  resolved: number;
  csatAverage: number | null;
  csatAnswered: number;
};

export async function getAgentTable(db: Db, scope: ReportScope): Promise<AgentRow[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with replied as (
        -- The conversations we replied to in the range: an index-only range scan of our replies
        -- (messages_ws_agent_reply_idx), hashed once, not a lookup of messages per conversation.
        select distinct m.conversation_id
          from messages m
         where m.workspace_id = ${scope.workspaceId}::uuid
           and m.direction = 'outbound' and m.author_type = 'agent' and m.status is distinct from 'failed'
           and ${inRange(scope, sql`m.created_at`)}),
      -- Every conversation that can count in a column (a reply in the range moved last_message_at
      -- into it; a sample's first message is in it): one range of conversations_ws_report_active_idx
      -- (greatest() skips nulls, so it is the OR of the four). Its first-response sample comes from
      -- the same row (the predicate and value of the first-response figure), not a second read.
      conv as (
        select c.id, c.assignee_id,
               (r.conversation_id is not null) as handled,
               (c.status = 'resolved' and coalesce(${inRange(scope, sql`c.resolved_at`)}, false)) as resolved,
               case when ${inRange(scope, sql`c.csat_requested_at`)} then c.csat_rating end as rating,
               case when ${isFirstResponseSample(scope)} then ${firstResponseSecs} end as secs
          from conversations c
          left join replied r on r.conversation_id = c.id
         where ${conversationFilter(scope)}
           and greatest(c.last_message_at, case when c.status = 'resolved' then c.resolved_at end, c.csat_requested_at, c.first_inbound_at)
               >= ${scope.lo}::timestamptz),
      per as (
        select v.assignee_id,
               count(*) filter (where v.handled)::int as handled,
               percentile_cont(0.5) within group (order by v.secs) as frt_median,
               count(v.secs)::int as frt_count,
               count(*) filter (where v.resolved)::int as resolved,
               avg(v.rating)::float8 as csat_average,
               count(v.rating)::int as csat_answered
          from conv v
         group by v.assignee_id)
      select p.*, u.name
        from per p
        left join users u on u.id = p.assignee_id and u.workspace_id = ${scope.workspaceId}::uuid
       where p.handled > 0 or p.frt_count > 0 or p.resolved > 0 or p.csat_answered > 0
       order by p.handled desc, p.resolved desc, u.name nulls last`,
  );
  return rows.map((r) => ({
    userId: (r.assignee_id as string | null) ?? null,
    name: (r.name as string | null) ?? null,
    handled: num(r.handled),
    firstResponseMedian: seconds(r.frt_median),
    resolved: num(r.resolved),
    csatAverage: numOrNull(r.csat_average),
    csatAnswered: num(r.csat_answered),
  }));
}
