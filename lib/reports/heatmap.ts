import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, inRange, num, queryRows, type ReportScope } from "./scope";

/** cells[weekday][hour]: weekday 0 = Monday … 6 = Sunday, hour 0–23, in the workspace's zone. */
export type Heatmap = { cells: number[][]; total: number; max: number };

/** Customer messages received per hour of the day × weekday over the range. */
export async function getMessageHeatmap(db: Db, scope: ReportScope): Promise<Heatmap> {
  const rows = await queryRows<{ dow: unknown; hour: unknown; n: unknown }>(
    db,
    sql`
      with counts as (${scope.teamId || scope.agentId ? filteredCounts(scope) : workspaceCounts(scope)})
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

const dowHour = (scope: ReportScope, at: SQL) => sql`
  extract(isodow from ${at} at time zone ${scope.timeZone})::int as dow,
  extract(hour from ${at} at time zone ${scope.timeZone})::int as hour`;

/**
 * The whole workspace from the rollup (message_buckets, migration 0017: customer messages per
 * 15-minute UTC bucket, ~2,900 rows a month instead of ~70k messages). Exact because every zone's
 * UTC offset today is a multiple of 15 minutes: a bucket lies in one local hour, and the range's
 * ends (local midnights) are bucket boundaries.
 */
function workspaceCounts(scope: ReportScope): SQL {
  return sql`
    select ${dowHour(scope, sql`b.bucket`)}, sum(b.n)::int as n
      from message_buckets b
     where b.workspace_id = ${scope.workspaceId}::uuid and ${inRange(scope, sql`b.bucket`)}
     group by 1, 2`;
}

/** A team or a teammate: the rollup knows no conversation, so the messages themselves. */
function filteredCounts(scope: ReportScope): SQL {
  return sql`
    select ${dowHour(scope, sql`m.created_at`)}, count(*)::int as n
      from messages m
      join conversations c on c.id = m.conversation_id
     where m.workspace_id = ${scope.workspaceId}::uuid
       and m.direction = 'inbound' and m.author_type = 'customer'
       and ${inRange(scope, sql`m.created_at`)}
       and ${conversationFilter(scope)}
     group by 1, 2`;
}
