import { sql } from "drizzle-orm";
import type { Db } from "@/lib/db/types";
import { labels } from "@/lib/db/schema";

// The demo's labels, applied by what the customers wrote about, so the filter and search show
// something real from the first sign-in.
const DEMO_LABELS = [
  { name: "Refund", color: "red", pattern: "refund|rimbors" },
  { name: "Baggage", color: "amber", pattern: "bag|baggage|bagagli|valigi|suitcase" },
  { name: "Seat change", color: "blue", pattern: "seat|posto" },
  { name: "Check-in", color: "teal", pattern: "check-in|check in|boarding|imbarco" },
  { name: "VIP", color: "violet", pattern: null },
] as const;

export async function insertSeedLabels(tx: Db, { workspaceId, now }: { workspaceId: string; now: Date }) {
  const rows = await tx
    .insert(labels)
    .values(DEMO_LABELS.map((l) => ({ workspaceId, name: l.name, color: l.color, createdAt: now })))
    .returning({ id: labels.id, name: labels.name });
  for (const l of DEMO_LABELS) {
    const id = rows.find((r) => r.name === l.name)!.id;
    if (l.pattern) {
      await tx.execute(sql`
        insert into conversation_labels (workspace_id, conversation_id, label_id, created_at)
        select ${workspaceId}::uuid, c.id, ${id}::uuid, ${now}
        from conversations c
        where c.workspace_id = ${workspaceId}::uuid
          and exists (select 1 from messages m where m.conversation_id = c.id and m.direction = 'inbound' and m.text ~* ${l.pattern})`);
    } else {
      // Every eleventh customer, by id order: deterministic for a given seed.
      await tx.execute(sql`
        insert into conversation_labels (workspace_id, conversation_id, label_id, created_at)
        select ${workspaceId}::uuid, id, ${id}::uuid, ${now}
        from (select id, row_number() over (order by id) as n from conversations where workspace_id = ${workspaceId}::uuid) c
        where c.n % 11 = 0`);
    }
  }
}
