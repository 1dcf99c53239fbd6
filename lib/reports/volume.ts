import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, daysSeries, inRange, localDay, num, queryRows, type ReportScope } from "./scope";

export type VolumeDay = { day: string; opened: number; resolved: number };
export type Volume = { days: VolumeDay[]; opened: number; resolved: number };

/**
 * Conversations opened (created_at) and resolved (resolved_at of a conversation that is resolved
 * now: reopening one clears it) per day of the range; a day without any is 0.
 */
export async function getVolume(db: Db, scope: ReportScope): Promise<Volume> {
  const rows = await queryRows<{ day: string; opened: unknown; resolved: unknown }>(
    db,
    sql`
      with days as (${daysSeries(scope)}),
      opened as (
        select ${localDay(scope, sql`c.created_at`)} as day, count(*)::int as n
          from conversations c
         where ${conversationFilter(scope)} and ${inRange(scope, sql`c.created_at`)}
         group by 1),
      resolved as (
        select ${localDay(scope, sql`c.resolved_at`)} as day, count(*)::int as n
          from conversations c
         where ${conversationFilter(scope)} and c.status = 'resolved' and ${inRange(scope, sql`c.resolved_at`)}
         group by 1)
      select d.day::text as day, coalesce(o.n, 0) as opened, coalesce(r.n, 0) as resolved
        from days d
        left join opened o on o.day = d.day
        left join resolved r on r.day = d.day
       order by d.day`,
  );
  const days = rows.map((r) => ({ day: r.day, opened: num(r.opened), resolved: num(r.resolved) }));
  return { days, opened: days.reduce((s, d) => s + d.opened, 0), resolved: days.reduce((s, d) => s + d.resolved, 0) };
}
