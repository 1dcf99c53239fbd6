import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { firstResponseSamples } from "./response-times";
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
        -- Our replies in the range: an index-only range scan of messages_ws_agent_reply_idx. Read
        -- as the hashed set behind \`c.id in (…)\` below, with no DISTINCT or join of its own.
        select m.conversation_id
          from messages m
         where m.workspace_id = ${scope.workspaceId}::uuid
           and m.direction = 'outbound' and m.author_type = 'agent' and m.status is distinct from 'failed'
           and ${inRange(scope, sql`m.created_at`)}),
      -- Every conversation that can count in a column (a reply in the range moved last_message_at
      -- into it; a sample's first message is in it): one range of conversations_ws_report_active_idx
      -- (greatest() skips nulls, so it is the OR of the four).
      conv as (
        select c.assignee_id,
               c.id in (select r.conversation_id from replied r) as handled,
               (c.status = 'resolved' and coalesce(${inRange(scope, sql`c.resolved_at`)}, false)) as resolved,
               case when ${inRange(scope, sql`c.csat_requested_at`)} then c.csat_rating end as rating
          from conversations c
         where ${conversationFilter(scope)}
           and greatest(c.last_message_at, case when c.status = 'resolved' then c.resolved_at end, c.csat_requested_at, c.first_inbound_at)
               >= ${scope.lo}::timestamptz),
      -- Counts need no order: hashed per agent. Only the median sorts, and only the first-response
      -- samples (the figure's own rows, firstResponseSamples), not every conversation in play:
      -- sorting those by agent was a third of this table's time (80 ms at 100k conversations).
      counts as (
        select v.assignee_id,
               count(*) filter (where v.handled)::int as handled,
               count(*) filter (where v.resolved)::int as resolved,
               avg(v.rating)::float8 as csat_average,
               count(v.rating)::int as csat_answered
          from conv v
         group by v.assignee_id),
      frt as (
        select s.assignee_id, percentile_cont(0.5) within group (order by s.secs) as frt_median, count(*)::int as frt_count
          from (${firstResponseSamples(scope)}) s
         group by s.assignee_id),
      -- One row per agent of either (GROUP BY puts the unassigned, null, together).
      per as (
        select x.assignee_id, sum(x.handled)::int as handled, max(x.frt_median) as frt_median, sum(x.frt_count)::int as frt_count,
               sum(x.resolved)::int as resolved, max(x.csat_average) as csat_average, sum(x.csat_answered)::int as csat_answered
          from (select k.assignee_id, k.handled, null::float8 as frt_median, 0 as frt_count, k.resolved, k.csat_average, k.csat_answered from counts k
                union all
                select f.assignee_id, 0, f.frt_median, f.frt_count, 0, null, 0 from frt f) x
         group by x.assignee_id)
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
