import type { conversations } from "@/lib/db/schema";

// Customer satisfaction in the demo (issue 13): the workspace asks for ratings on resolve, and
// about 30% of its resolved conversations were rated, so reports have data from the first
// sign-in. Chosen from its own random sequence (same seed → same demo, the rest untouched).

type ConversationRow = typeof conversations.$inferInsert;

/** Share of resolved conversations the customer rated. */
export const DEMO_CSAT_SHARE = 0.3;

/** Mostly happy customers, a few middling, some unhappy: 5 (60%), 3 (25%), 1 (15%). */
function ratingFrom(x: number): number {
  return x < 0.6 ? 5 : x < 0.85 ? 3 : 1;
}

/** Sets the CSAT columns on the chosen resolved rows (in place); returns how many were rated. */
export function applyDemoCsat(rows: ConversationRow[], { random, nowMs }: { random: () => number; nowMs: number }): number {
  let rated = 0;
  for (const row of rows) {
    if (row.status !== "resolved" || !row.resolvedAt || !row.lastInboundAt) continue;
    const pick = random();
    const rating = ratingFrom(random());
    const delay = 2 * 60_000 + Math.floor(random() * 88 * 60_000);
    if (pick >= DEMO_CSAT_SHARE) continue;
    const requestedAt = row.resolvedAt as Date;
    row.csatRequestedAt = requestedAt;
    row.csatRating = rating;
    row.csatAnsweredAt = new Date(Math.min(requestedAt.getTime() + delay, nowMs));
    rated++;
  }
  return rated;
}
