import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { conversationFilter, inRange, num, numOrNull, queryRows, type ReportScope } from "./scope";

/**
 * Customer satisfaction of the conversations whose rating request was sent in the range:
 * requested, answered (a rating 1–5), responseRate = answered / requested (null when none was
 * asked), the average rating and the count of each rating (distribution[0] is 1 star).
 */
export type Csat = { requested: number; answered: number; responseRate: number | null; average: number | null; distribution: number[] };

export async function getCsat(db: Db, scope: ReportScope): Promise<Csat> {
  const [row] = await queryRows<Record<string, unknown>>(
    db,
    sql`
      select count(*)::int as requested,
             count(c.csat_rating)::int as answered,
             avg(c.csat_rating)::float8 as average,
             count(*) filter (where c.csat_rating = 1)::int as r1,
             count(*) filter (where c.csat_rating = 2)::int as r2,
             count(*) filter (where c.csat_rating = 3)::int as r3,
             count(*) filter (where c.csat_rating = 4)::int as r4,
             count(*) filter (where c.csat_rating = 5)::int as r5
        from conversations c
       where ${conversationFilter(scope)} and ${inRange(scope, sql`c.csat_requested_at`)}`,
  );
  const requested = num(row?.requested);
  const answered = num(row?.answered);
  return {
    requested,
    answered,
    responseRate: requested > 0 ? answered / requested : null,
    average: numOrNull(row?.average),
    distribution: [row?.r1, row?.r2, row?.r3, row?.r4, row?.r5].map(num),
  };
}
