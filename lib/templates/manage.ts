import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { teams, templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { publishEvent } from "@/lib/realtime/events";
import { SendError } from "@/lib/whatsapp/graph-client";
import { createMessageTemplate, editMessageTemplate } from "@/lib/whatsapp/template-client";
import { templateErrors } from "./errors";
import type { TemplateComponent, TemplateView } from "./model";
import { findTemplate, getTemplate, toTemplateView } from "./repository";
import type { CreateTemplateInput, UpdateTemplateInput } from "./schemas";
import { workspaceAccounts, type TemplateGraph } from "./sync";
import { issuesToFieldErrors, validateTemplate } from "./validate";

const upstream = (err: unknown) => {
  if (err instanceof SendError) return templateErrors.upstream(`${err.title}${err.details ? ` (${err.details})` : ""}`);
  return err;
};

async function checkTeams(db: Db, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return;
  const found = await db.select({ id: teams.id }).from(teams).where(and(eq(teams.workspaceId, workspaceId), inArray(teams.id, ids)));
  if (found.length !== ids.length) throw templateErrors.unknownTeam();
}

/**
 * A lead writes a template: checked against WhatsApp's rules, stored PENDING, submitted to Meta
 * (`POST /{waba-id}/message_templates`). Meta's answer may already decide it (approved, rejected);
 * otherwise the status webhook does. A refused submission leaves nothing behind.
 */
export async function createTemplate(db: Db, actor: Actor, input: CreateTemplateInput, graph: TemplateGraph): Promise<TemplateView> {
  const issues = validateTemplate(input);
  if (issues.length) throw templateErrors.rules(issuesToFieldErrors(issues));
  const accounts = await workspaceAccounts(db, actor.workspaceId);
  const wabaId = input.wabaId ?? (accounts.length === 1 ? accounts[0] : undefined);
  if (!wabaId || !accounts.includes(wabaId)) throw templateErrors.noAccount();
  await checkTeams(db, actor.workspaceId, input.teamIds);
  if (await findTemplate(db, { workspaceId: actor.workspaceId, name: input.name, language: input.language })) throw templateErrors.duplicate(input.name, input.language);

  const components = input.components as TemplateComponent[];
  const now = new Date();
  const [row] = await db
    .insert(templates)
    .values({
      workspaceId: actor.workspaceId,
      wabaId,
      name: input.name,
      language: input.language,
      category: input.category,
      parameterFormat: input.parameterFormat,
      components: components as Record<string, unknown>[],
      status: "PENDING",
      teamIds: input.teamIds,
      createdBy: actor.userId,
      submittedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw templateErrors.duplicate(input.name, input.language);

  let answer: { id: string; status: string; category: string };
  try {
    answer = await createMessageTemplate(graph.auth, wabaId, { name: input.name, language: input.language, category: input.category, parameter_format: input.parameterFormat, components: components as Record<string, unknown>[] }, graph.fetchImpl);
  } catch (err) {
    await db.delete(templates).where(eq(templates.id, row.id));
    throw upstream(err);
  }
  const updated = await db.transaction(async (tx) => {
    // A webhook may have been faster than Meta's answer: a decided status is not put back to PENDING.
    const [current] = await tx.select().from(templates).where(eq(templates.id, row.id)).for("update");
    const status = current && current.status !== "PENDING" ? current.status : answer.status;
    const [u] = await tx.update(templates).set({ metaId: answer.id, status, category: answer.category, updatedAt: new Date() }).where(eq(templates.id, row.id)).returning();
    await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action: "template.submitted", data: { templateId: row.id, name: input.name, language: input.language } });
    await publishEvent(tx, { type: "template.updated", workspaceId: actor.workspaceId, templateId: row.id });
    return u!;
  });
  return toTemplateView(updated);
}

/** Meta lets approved, rejected and paused templates be edited; the edit goes back to review. */
const EDITABLE = new Set(["APPROVED", "REJECTED", "PAUSED"]);

/**
 * Edits a template. New content (components, category) is checked, shown PENDING and resubmitted
 * to Meta (PENDING is written first: Meta's decision may come back before its answer does); if
 * Meta refuses the edit the template is put back as it was. Teams are ours and change at once.
 */
export async function updateTemplate(db: Db, actor: Actor, templateId: string, input: UpdateTemplateInput, graph: TemplateGraph): Promise<TemplateView> {
  const current = await getTemplate(db, { workspaceId: actor.workspaceId, templateId });
  if (input.teamIds) await checkTeams(db, actor.workspaceId, input.teamIds);
  const resubmit = input.components !== undefined || (input.category !== undefined && input.category !== current.category);
  const draft = { name: current.name, language: current.language, parameterFormat: current.parameterFormat, category: input.category ?? current.category, components: (input.components ?? current.components) as TemplateComponent[] };
  if (resubmit) {
    const issues = validateTemplate(draft);
    if (issues.length) throw templateErrors.rules(issuesToFieldErrors(issues));
    if (!EDITABLE.has(current.status) || !current.metaId) throw templateErrors.notEditable(current.status);
  }
  const write = (set: Partial<typeof templates.$inferInsert>, action: string) =>
    db.transaction(async (tx) => {
      const [u] = await tx
        .update(templates)
        .set({ ...set, updatedAt: new Date() })
        .where(and(eq(templates.workspaceId, actor.workspaceId), eq(templates.id, templateId)))
        .returning();
      if (!u) throw templateErrors.notFound();
      await recordAudit(tx, { workspaceId: actor.workspaceId, actorUserId: actor.userId, action, data: { templateId, ...(input.teamIds ? { teamIds: input.teamIds } : {}) } });
      await publishEvent(tx, { type: "template.updated", workspaceId: actor.workspaceId, templateId });
      return u;
    });
  const teams = input.teamIds ? { teamIds: input.teamIds } : {};
  if (!resubmit) return toTemplateView(await write(teams, "template.teams_changed"));

  const row = await write({ ...teams, category: draft.category, components: draft.components as Record<string, unknown>[], status: "PENDING", rejectionReason: null, submittedAt: new Date() }, "template.resubmitted");
  try {
    await editMessageTemplate(graph.auth, current.metaId!, { category: draft.category, components: draft.components as Record<string, unknown>[] }, graph.fetchImpl);
  } catch (err) {
    await write({ category: current.category, components: current.components as Record<string, unknown>[], status: current.status, rejectionReason: current.rejectionReason }, "template.resubmit_refused");
    throw upstream(err);
  }
  return toTemplateView(row);
}
