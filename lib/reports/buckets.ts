import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { num, queryRows } from "./scope";

/**
 * Folds the heatmap rollup's per-backend shards (message_buckets, migration 0017) of buckets older
 * than `before` into shard 0, so a month stays ~2,900 rows per workspace however many processes
 * wrote it. Returns how many shard rows it folded. Every workspace at once: maintenance, like
 * waking snoozed conversations.
 *
 * Safe next to writers and other folds: shard rows are claimed with SKIP LOCKED (a writer adding to
 * its row is skipped, never waited for) and shard 0, which no backend writes (no pid is 0), is
 * upserted in key order, so two folds wait for each other at worst and never deadlock.
 */
export async function foldMessageBuckets(db: Db, { before, limit = 5000 }: { before: Date; limit?: number }): Promise<number> {
  const [row] = await queryRows<{ folded: unknown }>(
    db,
    sql`
      with picked as (
        select workspace_id, bucket, shard from message_buckets
         where shard <> 0 and bucket < ${before.toISOString()}::timestamptz
         order by workspace_id, bucket, shard
         limit ${limit}
           for update skip locked),
      gone as (
        delete from message_buckets b using picked p
         where b.workspace_id = p.workspace_id and b.bucket = p.bucket and b.shard = p.shard
        returning b.workspace_id, b.bucket, b.n),
      folded as (
        insert into message_buckets as t (workspace_id, bucket, shard, n)
        select workspace_id, bucket, 0, sum(n)::int from gone group by 1, 2 order by 1, 2
        on conflict (workspace_id, bucket, shard) do update set n = t.n + excluded.n)
      select count(*) as folded from gone`,
  );
  return num(row?.folded);
}
