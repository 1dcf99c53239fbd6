import "server-only";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { channels, templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvent } from "@/lib/realtime/events";
import type { FetchLike } from "@/lib/whatsapp/graph-client";
import { SendError } from "@/lib/whatsapp/graph-client";
import { listMessageTemplates, type GraphAuth, type MetaTemplate } from "@/lib/whatsapp/template-client";
import { templateErrors } from "./errors";

/** How the domain reaches the Graph API: the configured account, and a fetch (the fake's, in tests). */
export type TemplateGraph = { auth: GraphAuth; fetchImpl?: FetchLike; pageSize?: number };

/** The WhatsApp Business accounts of a workspace: those of its numbers. */
export async function workspaceAccounts(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ wabaId: channels.wabaId })
    .from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), isNotNull(channels.wabaId)));
  return rows.map((r) => r.wabaId!).sort();
}

/**
 * Upserts what Meta has, per (workspace, account, name, language): status, category, components,
 * quality, rejection reason and Meta's id. Rows Meta does not list stay (a submission in flight,
 * or one Meta deleted: the manager still shows it); which teams may use a template is ours.
 */
export async function upsertMetaTemplates(db: Db, { workspaceId, wabaId, list, now = new Date() }: { workspaceId: string; wabaId: string; list: MetaTemplate[]; now?: Date }): Promise<number> {
  if (list.length === 0) return 0;
  const rows = list.map((t) => ({
    workspaceId,
    wabaId,
    metaId: t.id,
    name: t.name,
    language: t.language,
    category: t.category,
    parameterFormat: t.parameterFormat,
    components: t.components,
    status: t.status,
    qualityScore: t.qualityScore,
    rejectionReason: t.rejectedReason,
    syncedAt: now,
    updatedAt: now,
  }));
  let written = 0;
  for (let i = 0; i < rows.length; i += 200) {
    const part = await db
      .insert(templates)
      .values(rows.slice(i, i + 200))
      .onConflictDoUpdate({
        target: [templates.workspaceId, templates.wabaId, templates.name, templates.language],
        set: {
          metaId: sql`excluded.meta_id`,
          category: sql`excluded.category`,
          parameterFormat: sql`excluded.parameter_format`,
          components: sql`excluded.components`,
          status: sql`excluded.status`,
          qualityScore: sql`excluded.quality_score`,
          rejectionReason: sql`excluded.rejection_reason`,
          syncedAt: sql`excluded.synced_at`,
          updatedAt: sql`excluded.updated_at`,
        },
      })
      .returning({ id: templates.id });
    written += part.length;
  }
  return written;
}

export type SyncResult = { accounts: number; synced: number };

/** Reads every template of the workspace's accounts from the Graph API (all pages) and stores them. */
export async function syncTemplates(db: Db, { workspaceId, graph }: { workspaceId: string; graph: TemplateGraph }): Promise<SyncResult> {
  const accounts = await workspaceAccounts(db, workspaceId);
  let synced = 0;
  for (const wabaId of accounts) {
    let list: MetaTemplate[];
    try {
      list = await listMessageTemplates(graph.auth, wabaId, graph.fetchImpl, graph.pageSize);
    } catch (err) {
      if (err instanceof SendError) throw templateErrors.upstream(`${err.title}${err.details ? ` (${err.details})` : ""}`);
      throw err;
    }
    synced += await upsertMetaTemplates(db, { workspaceId, wabaId, list });
  }
  if (synced > 0) await publishEvent(db, { type: "template.updated", workspaceId, templateId: null });
  return { accounts: accounts.length, synced };
}

/** At start: every workspace with an account, best effort (a failure is logged, never fatal). */
export async function syncAllTemplates(db: Db, graph: TemplateGraph): Promise<void> {
  const rows = await db.selectDistinct({ workspaceId: channels.workspaceId }).from(channels).where(isNotNull(channels.wabaId));
  for (const { workspaceId } of rows) {
    try {
      const r = await syncTemplates(db, { workspaceId, graph });
      console.info(`[templates] synced ${r.synced} templates from ${r.accounts} WhatsApp Business account(s)`);
    } catch (err) {
      console.warn("[templates] could not sync templates from the Graph API:", err instanceof Error ? err.message : err);
    }
  }
}
