import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, dayBounds, num, queryRows, type ReportScope } from "./scope";

export type VolumeDay = { day: string; opened: number; resolved: number };
export type Volume = { days: VolumeDay[]; opened: number; resolved: number };

/**
 * Conversations opened (created_at) and resolved (resolved_at of a conversation that is resolved
 * now: reopening one clears it) per day of the range; a day without any is 0.
 */
export async function getVolume(db: Db, scope: ReportScope): Promise<Volume> {
  // Each day is two counts over a range of an index (conversations_ws_created_idx,
  // conversations_ws_resolved_idx), no row converted to the workspace's zone.
  const rows = await queryRows<{ day: string; opened: unknown; resolved: unknown }>(
    db,
    sql`
      select d.day::text as day,
             (select count(*) from conversations c
               where ${conversationFilter(scope)} and c.created_at >= d.lo and c.created_at < d.hi)::int as opened,
             (select count(*) from conversations c
               where ${conversationFilter(scope)} and c.status = 'resolved' and c.resolved_at >= d.lo and c.resolved_at < d.hi)::int as resolved
        from (${dayBounds(scope)}) d
       order by d.day`,
  );
  const days = rows.map((r) => ({ day: r.day, opened: num(r.opened), resolved: num(r.resolved) }));
  return { days, opened: days.reduce((s, d) => s + d.opened, 0), resolved: days.reduce((s, d) => s + d.resolved, 0) };
}
