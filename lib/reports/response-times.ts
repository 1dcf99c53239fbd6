import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, dayBounds, inRange, localDay, num, queryRows, seconds, type ReportScope } from "./scope";

/** Median and 90th percentile (percentile_cont: interpolated) in seconds; null without samples. */
export type Percentiles = { count: number; median: number | null; p90: number | null };
export type FirstResponseDay = Percentiles & { day: string };
export type FirstResponse = { overall: Percentiles; days: FirstResponseDay[] };

/**
 * One row per conversation whose customer first wrote inside the range and got an answer:
 * (conversation_id, assignee_id, day, secs). First response = conversations.first_response_at (our
 * first reply after the customer first wrote; automations such as the welcome message do not set
 * it) minus the customer's first message (conversations.first_inbound_at); the day is the day of
 * that first message. Shared by the first-response figure and the per-agent table, so they always
 * agree.
 */
export function firstResponseSamples(scope: ReportScope): SQL {
  // Both instants are on the conversation (first_inbound_at kept by triggers on messages, migration
  // 0016): a range scan of conversations_ws_first_inbound_idx, no message read. Walking each
  // conversation's messages for its first customer message cost 140 ms at a million messages.
  return sql`
    select c.id as conversation_id, c.assignee_id, ${localDay(scope, sql`c.first_inbound_at`)} as day, ${firstResponseSecs} as secs
      from conversations c
     where ${conversationFilter(scope)} and ${isFirstResponseSample(scope)}`;
}

/**
 * Conversation `c` is a first-response sample of the range (see firstResponseSamples), or of one
 * day of it: `bounds`, the day's [lo, hi) instants (dayBounds).
 */
export function isFirstResponseSample(scope: ReportScope, bounds?: { lo: SQL; hi: SQL }): SQL {
  const when = bounds ? sql`c.first_inbound_at >= ${bounds.lo} and c.first_inbound_at < ${bounds.hi}` : inRange(scope, sql`c.first_inbound_at`);
  return sql`${when} and c.first_response_at >= c.first_inbound_at`;
}

/** The sample's value, for conversation `c`. */
export const firstResponseSecs = sql`extract(epoch from (c.first_response_at - c.first_inbound_at))::float8`;

/** First response time per day (empty days: count 0, null percentiles) and over the whole range. */
export async function getFirstResponse(db: Db, scope: ReportScope): Promise<FirstResponse> {
  // Each day's samples are a range of conversations_ws_first_inbound_idx between the day's bounds,
  // sorted on their own: grouping the month's samples by localDay converted and sorted every one
  // (~4.4k a month at 100k conversations: 20–24 → 15 ms). The whole range is one more range.
  const stats = (where: SQL) => sql`
    select count(*)::int as n,
           percentile_cont(0.5) within group (order by ${firstResponseSecs}) as median,
           percentile_cont(0.9) within group (order by ${firstResponseSecs}) as p90
      from conversations c
     where ${conversationFilter(scope)} and ${where}`;
  const rows = await queryRows<{ day: string | null; n: unknown; median: unknown; p90: unknown }>(
    db,
    sql`
      select d.day::text as day, s.n, s.median, s.p90
        from (${dayBounds(scope)}) d
       cross join lateral (${stats(isFirstResponseSample(scope, { lo: sql`d.lo`, hi: sql`d.hi` }))}) s
      union all
      select null, w.n, w.median, w.p90 from (${stats(isFirstResponseSample(scope))}) w
      order by 1 nulls last`,
  );
  const toStats = (r: (typeof rows)[number]): Percentiles => ({ count: num(r.n), median: seconds(r.median), p90: seconds(r.p90) });
  const overallRow = rows.find((r) => r.day === null);
  return {
    overall: overallRow ? toStats(overallRow) : { count: 0, median: null, p90: null },
    days: rows.filter((r) => r.day !== null).map((r) => ({ day: r.day as string, ...toStats(r) })),
  };
}

/** Resolution time of the conversations resolved in the range: resolved_at minus created_at. */
export async function getResolutionTime(db: Db, scope: ReportScope): Promise<Percentiles> {
  const [row] = await queryRows<{ n: unknown; median: unknown; p90: unknown }>(
    db,
    sql`
      select count(*)::int as n,
             percentile_cont(0.5) within group (order by secs) as median,
             percentile_cont(0.9) within group (order by secs) as p90
        from (select extract(epoch from (c.resolved_at - c.created_at))::float8 as secs
                from conversations c
               where ${conversationFilter(scope)} and c.status = 'resolved' and ${inRange(scope, sql`c.resolved_at`)}) s`,
  );
  return { count: num(row?.n), median: seconds(row?.median), p90: seconds(row?.p90) };
}
