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
  // Each column from its own range, every one of them index-only: the reply days (reply_days,
  // migration 0022: ~5k rows a month at 100k conversations, with the assignee on the row),
  // resolutions and CSAT requests (their indexes end in assignee_id) and the first-response
  // samples. One pass over every conversation active since the range began was 25k rows for a
  // month two months back, and grew with how far back the range lies (60 ms of the report's 100).
  const dayFilter = sql.join(
    [
      sql`d.workspace_id = ${scope.workspaceId}::uuid and d.day >= ${scope.from}::date and d.day <= ${scope.to}::date`,
      ...(scope.teamId ? [sql`d.team_id = ${scope.teamId}::uuid`] : []),
      ...(scope.agentId ? [sql`d.assignee_id = ${scope.agentId}::uuid`] : []),
    ],
    sql` and `,
  );
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
      with handled as (
        -- A conversation's days share its assignee: distinct per agent is distinct overall.
        select d.assignee_id, count(distinct d.conversation_id)::int as n
          from reply_days d
         where ${dayFilter}
         group by d.assignee_id),
      resolved as (
        select c.assignee_id, count(*)::int as n
          from conversations c
         where ${conversationFilter(scope)} and c.status = 'resolved' and ${inRange(scope, sql`c.resolved_at`)}
         group by c.assignee_id),
      csat as (
        select c.assignee_id, avg(c.csat_rating)::float8 as average, count(c.csat_rating)::int as answered
          from conversations c
         where ${conversationFilter(scope)} and ${inRange(scope, sql`c.csat_requested_at`)}
         group by c.assignee_id),
      -- Only the median sorts, and only the first-response samples (the figure's own rows).
      frt as (
        select s.assignee_id, percentile_cont(0.5) within group (order by s.secs) as frt_median, count(*)::int as frt_count
          from (${firstResponseSamples(scope)}) s
         group by s.assignee_id),
      -- One row per agent of any (GROUP BY puts the unassigned, null, together).
      per as (
        select x.assignee_id, sum(x.handled)::int as handled, max(x.frt_median) as frt_median, sum(x.frt_count)::int as frt_count,
               sum(x.resolved)::int as resolved, max(x.csat_average) as csat_average, sum(x.csat_answered)::int as csat_answered
          from (select h.assignee_id, h.n as handled, null::float8 as frt_median, 0 as frt_count, 0 as resolved, null::float8 as csat_average, 0 as csat_answered from handled h
                union all
                select r.assignee_id, 0, null, 0, r.n, null, 0 from resolved r
                union all
                select k.assignee_id, 0, null, 0, 0, k.average, k.answered from csat k
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
