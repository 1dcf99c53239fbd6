// No "server-only": the demo seed script (tsx) imports it.
import { templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { SEED_TEMPLATES } from "./seed-templates";

/**
 * Writes the seed templates into a workspace's account, as if synced from Meta: approved, with
 * Meta's ids, restricted to the named teams where the seed says so. Existing rows stay as they are.
 */
export async function insertSeedTemplates(db: Db, { workspaceId, wabaId, teamIds, now = new Date() }: { workspaceId: string; wabaId: string; teamIds: ReadonlyMap<string, string>; now?: Date }): Promise<number> {
  const rows = SEED_TEMPLATES.map((t) => ({
    workspaceId,
    wabaId,
    metaId: t.metaId,
    name: t.name,
    language: t.language,
    category: t.category,
    parameterFormat: t.parameterFormat,
    components: t.components as Record<string, unknown>[],
    status: t.status,
    qualityScore: t.qualityScore,
    teamIds: (t.teams ?? []).flatMap((name) => teamIds.get(name) ?? []),
    syncedAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  const inserted = await db.insert(templates).values(rows).onConflictDoNothing().returning({ id: templates.id });
  return inserted.length;
}
