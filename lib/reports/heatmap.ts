import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, inRange, num, queryRows, type ReportScope } from "./scope";

/** cells[weekday][hour]: weekday 0 = Monday … 6 = Sunday, hour 0–23, in the workspace's zone. */
export type Heatmap = { cells: number[][]; total: number; max: number };

/** Customer messages received per hour of the day × weekday over the range. */
export async function getMessageHeatmap(db: Db, scope: ReportScope): Promise<Heatmap> {
  // The whole workspace needs no conversation row per message (messages carry the workspace).
  const filtered = !!(scope.teamId || scope.agentId);
  const rows = await queryRows<{ dow: unknown; hour: unknown; n: unknown }>(
    db,
    sql`
      with counts as (
        select extract(isodow from m.created_at at time zone ${scope.timeZone})::int as dow,
               extract(hour from m.created_at at time zone ${scope.timeZone})::int as hour,
               count(*)::int as n
          from messages m
          ${filtered ? sql`join conversations c on c.id = m.conversation_id` : sql``}
         where m.workspace_id = ${scope.workspaceId}::uuid
           and m.direction = 'inbound' and m.author_type = 'customer'
           and ${inRange(scope, sql`m.created_at`)}
           ${filtered ? sql`and ${conversationFilter(scope)}` : sql``}
         group by 1, 2)
      select d.dow, h.hour, coalesce(k.n, 0) as n
        from generate_series(1, 7) as d(dow)
       cross join generate_series(0, 23) as h(hour)
        left join counts k on k.dow = d.dow and k.hour = h.hour
       order by d.dow, h.hour`,
  );
  const cells = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const r of rows) cells[num(r.dow) - 1]![num(r.hour)] = num(r.n);
  const flat = cells.flat();
  return { cells, total: flat.reduce((s, n) => s + n, 0), max: Math.max(0, ...flat) };
}
