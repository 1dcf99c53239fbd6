import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { templateEvents, templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { templateErrors } from "./errors";
import type { ParameterFormat, TemplateCategory, TemplateComponent, TemplateDetailView, TemplateEventView, TemplateView } from "./model";

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

/**
 * An agent may send a template that Meta approved and that is open to everyone or to one of the
 * agent's teams: the composer's picker and the send path agree on this one condition.
 */
export function usableBy(userId: string) {
  return and(
    eq(templates.status, "APPROVED"),
    sql`(cardinality(${templates.teamIds}) = 0 or exists (select 1 from team_memberships m where m.user_id = ${userId} and m.team_id = any(${templates.teamIds})))`,
  )!;
}

/**
 * The workspace's templates, by name then language. With `usableBy`, only those that actor may
 * send (approved, and open to one of their teams); without, every template (the manager).
 */
export async function listTemplates(db: Db, { workspaceId, usableBy: actor }: { workspaceId: string; usableBy?: Pick<Actor, "userId"> }): Promise<TemplateView[]> {
  const rows = await db
    .select()
    .from(templates)
    .where(actor ? and(eq(templates.workspaceId, workspaceId), usableBy(actor.userId)) : eq(templates.workspaceId, workspaceId))
    .orderBy(asc(templates.name), asc(templates.language));
  return rows.map(toTemplateView);
}

/** One template of the workspace, or a 404. */
export async function getTemplate(db: Db, { workspaceId, templateId }: { workspaceId: string; templateId: string }): Promise<TemplateView> {
  const [row] = await db.select().from(templates).where(and(eq(templates.workspaceId, workspaceId), eq(templates.id, templateId))).limit(1);
  if (!row) throw templateErrors.notFound();
  return toTemplateView(row);
}

/** The template by name and language in one account; null when there is none. */
export async function findTemplate(db: Db, { workspaceId, name, language }: { workspaceId: string; name: string; language: string }): Promise<TemplateView | null> {
  const [row] = await db
    .select()
    .from(templates)
    .where(and(eq(templates.workspaceId, workspaceId), eq(templates.name, name), eq(templates.language, language)))
    .orderBy(asc(templates.createdAt))
    .limit(1);
  return row ? toTemplateView(row) : null;
}

/** How many events the detail shows: the history of one template stays short in practice. */
const EVENTS_SHOWN = 100;

/** One template with what Meta told us about it, newest first; a 404 when it is not the workspace's. */
export async function getTemplateDetail(db: Db, { workspaceId, templateId }: { workspaceId: string; templateId: string }): Promise<TemplateDetailView> {
  const view = await getTemplate(db, { workspaceId, templateId });
  const events = await db
    .select()
    .from(templateEvents)
    .where(and(eq(templateEvents.workspaceId, workspaceId), eq(templateEvents.templateId, templateId)))
    .orderBy(desc(templateEvents.receivedAt), desc(templateEvents.id))
    .limit(EVENTS_SHOWN);
  return { ...view, events: events.map(toEventView) };
}

export function toEventView(row: typeof templateEvents.$inferSelect): TemplateEventView {
  return { id: row.id, field: row.field, value: row.value, receivedAt: row.receivedAt.toISOString() };
}

/**
 * `GET /api/templates`: what this actor may send, or with `all` (leads and admins, for the
 * manager) every template of the workspace whatever its status or teams.
 */
export async function listTemplatesFor(db: Db, actor: Actor, { all = false }: { all?: boolean } = {}): Promise<TemplateView[]> {
  if (all) assertCan(actor, "template:manage");
  return listTemplates(db, { workspaceId: actor.workspaceId, usableBy: all ? undefined : actor });
}
