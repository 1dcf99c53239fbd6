import "server-only";
import { and, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { channels, templateEvents, templates } from "@/lib/db/schema";
import type { Db } from "@/lib/db/types";
import { publishEvents, type RealtimeEvent } from "@/lib/realtime/events";

// Meta's template webhooks (`message_template_status_update`, `message_template_quality_update`,
// `template_category_update`): each is kept as an event of the template's history and, when it is
// the newest of its kind, updates the row. Webhooks are at-least-once and unordered: the same
// notification twice is one event (dedupe key), and an older one arriving late is kept in the
// history but does not undo a newer change. A WABA no workspace has is ignored, never a failure.

export type TemplateNotification = {
  field: "message_template_status_update" | "message_template_quality_update" | "template_category_update";
  wabaId: string | null;
  /** `entry.time`, Unix seconds: when Meta says it happened. */
  time: number | null;
  value: Record<string, unknown>;
};

export type TemplateNotificationOutcome = "applied" | "recorded" | "duplicate" | "unknown_account";

const text = (v: unknown, max = 200): string | null => (typeof v === "string" && v.trim() ? v.trim().slice(0, max) : typeof v === "number" ? String(v) : null);

/** What the notification says, in one word: the status event, the new quality, the new category. */
function whatOf(n: TemplateNotification): string | null {
  const v = n.value;
  if (n.field === "message_template_status_update") return text(v.event, 40);
  if (n.field === "message_template_quality_update") return text(v.new_quality_score, 40);
  return text(v.new_category, 40) ?? text(v.correct_category, 40);
}

/** Meta's status words → the row's status (REINSTATED means approved again). */
function statusOf(event: string): string {
  return event === "REINSTATED" ? "APPROVED" : event;
}

function rowChange(n: TemplateNotification, what: string): Partial<typeof templates.$inferInsert> {
  if (n.field === "message_template_status_update") {
    const status = statusOf(what);
    const reason = text(n.value.reason, 200);
    return { status, rejectionReason: status === "REJECTED" ? (reason && reason !== "NONE" ? reason : "UNKNOWN") : null };
  }
  if (n.field === "message_template_quality_update") return { qualityScore: what };
  return { category: what };
}

export function dedupeKeyOf(n: TemplateNotification): string {
  const v = n.value;
  const template = text(v.message_template_id, 64) ?? `${text(v.message_template_name, 512)}:${text(v.message_template_language, 20)}`;
  return [n.field, n.wabaId ?? "", template, whatOf(n) ?? "", n.time ?? "", text(v.reason, 100) ?? "", text(v.previous_quality_score ?? v.previous_category, 40) ?? ""].join("|");
}

/**
 * Records template notifications inside the caller's transaction (the webhook drain's), and
 * publishes a `template.updated` per changed template at commit.
 */
export async function applyTemplateNotifications(tx: Db, list: TemplateNotification[]): Promise<TemplateNotificationOutcome[]> {
  const outcomes: TemplateNotificationOutcome[] = [];
  const events: RealtimeEvent[] = [];
  const wabaIds = [...new Set(list.map((n) => n.wabaId).filter((w): w is string => !!w))];
  const accounts = wabaIds.length
    ? await tx.selectDistinct({ wabaId: channels.wabaId, workspaceId: channels.workspaceId }).from(channels).where(inArray(channels.wabaId, wabaIds))
    : [];
  for (const n of list) {
    const workspaces = accounts.filter((a) => a.wabaId === n.wabaId).map((a) => a.workspaceId);
    if (workspaces.length === 0) {
      outcomes.push("unknown_account");
      continue;
    }
    let outcome: TemplateNotificationOutcome = "duplicate";
    for (const workspaceId of workspaces) {
      const o = await applyOne(tx, workspaceId, n, events);
      if (o === "applied" || (o === "recorded" && outcome === "duplicate")) outcome = o;
    }
    outcomes.push(outcome);
  }
  if (events.length) await publishEvents(tx, events);
  return outcomes;
}

async function applyOne(tx: Db, workspaceId: string, n: TemplateNotification, events: RealtimeEvent[]): Promise<TemplateNotificationOutcome> {
  const v = n.value;
  const metaId = text(v.message_template_id, 64);
  const name = text(v.message_template_name, 512);
  const language = text(v.message_template_language, 20);
  const wabaId = n.wabaId!;
  const columns = { id: templates.id, metaId: templates.metaId, status: templates.status, qualityScore: templates.qualityScore, category: templates.category, rejectionReason: templates.rejectionReason };
  let [row] = metaId ? await tx.select(columns).from(templates).where(and(eq(templates.workspaceId, workspaceId), eq(templates.metaId, metaId))).limit(1) : [];
  if (!row && name && language) {
    [row] = await tx
      .select(columns)
      .from(templates)
      // A row that already has another Meta id is another template (deleted and recreated at Meta).
      .where(and(eq(templates.workspaceId, workspaceId), eq(templates.wabaId, wabaId), eq(templates.name, name), eq(templates.language, language), metaId ? or(isNull(templates.metaId), eq(templates.metaId, metaId)) : undefined))
      .limit(1);
  }
  const dedupeKey = dedupeKeyOf(n);
  let at = n.time ? new Date(n.time * 1000) : new Date();
  let eventId = 0;
  const [inserted] = await tx
    .insert(templateEvents)
    .values({ workspaceId, templateId: row?.id ?? null, wabaId, metaTemplateId: metaId, name, language, field: n.field, value: v, dedupeKey, receivedAt: at })
    .onConflictDoNothing()
    .returning({ id: templateEvents.id });
  if (inserted) eventId = inserted.id;
  else {
    // Already recorded. It still speaks for the template when it is the newest of its kind: the
    // same decision again after a local change (an edit put the template back to PENDING, and
    // Meta approves it again within the same second) must not be lost.
    const [existing] = await tx.select({ id: templateEvents.id, receivedAt: templateEvents.receivedAt }).from(templateEvents).where(and(eq(templateEvents.workspaceId, workspaceId), eq(templateEvents.dedupeKey, dedupeKey))).limit(1);
    if (!existing) return "duplicate";
    at = existing.receivedAt;
    eventId = existing.id;
  }
  const fresh = !!inserted;
  const what = whatOf(n);
  if (!row || !what) return fresh ? "recorded" : "duplicate";
  // Delivered late: a newer notification of the same kind already set the row (same second: the later one).
  const [newer] = await tx
    .select({ id: templateEvents.id })
    .from(templateEvents)
    .where(and(eq(templateEvents.templateId, row.id), eq(templateEvents.field, n.field), or(gt(templateEvents.receivedAt, at), and(eq(templateEvents.receivedAt, at), gt(templateEvents.id, eventId)))))
    .limit(1);
  if (newer) return fresh ? "recorded" : "duplicate";
  const change = { ...rowChange(n, what), ...(metaId ? { metaId } : {}) };
  const current: Record<string, unknown> = row;
  if (Object.entries(change).every(([k, value]) => current[k] === value)) return fresh ? "recorded" : "duplicate";
  await tx.update(templates).set({ ...change, updatedAt: new Date() }).where(eq(templates.id, row.id));
  events.push({ type: "template.updated", workspaceId, templateId: row.id });
  return "applied";
}
