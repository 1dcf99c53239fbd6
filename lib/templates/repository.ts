import "server-only";
import { and, eq } from "drizzle-orm";
import { templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { domainError } from "@/lib/errors/app-error";
import type { ParameterFormat, TemplateCategory, TemplateComponent, TemplateView } from "./model";

type TemplateRow = typeof templates.$inferSelect;

export function toTemplateView(row: TemplateRow): TemplateView {
  return {
    id: row.id,
    wabaId: row.wabaId,
    metaId: row.metaId,
    name: row.name,
    language: row.language,
    category: row.category as TemplateCategory,
    parameterFormat: row.parameterFormat as ParameterFormat,
    components: row.components as TemplateComponent[],
    status: row.status,
    qualityScore: row.qualityScore,
    rejectionReason: row.rejectionReason,
    teamIds: row.teamIds,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** One template of the workspace, or a 404. */
export async function getTemplate(db: Db, { workspaceId, templateId }: { workspaceId: string; templateId: string }): Promise<TemplateView> {
  const [row] = await db.select().from(templates).where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, templateId))).limit(1);
  if (!row) throw domainError("not_found", "template.not_found", "Template not found.");
  return toTemplateView(row);
}
