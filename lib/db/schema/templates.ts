import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./workspace";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * WhatsApp message templates, per WhatsApp Business account (WABA), kept in step with Meta: synced
 * from `GET /{waba-id}/message_templates`, created here and submitted to Meta, updated by the
 * template webhooks. `components` is Meta's component array as Meta stores it (HEADER, BODY,
 * FOOTER, BUTTONS with their examples), so what we show, validate and send is what Meta has.
 */
export const templates = pgTable(
  "templates",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    wabaId: text("waba_id").notNull(),
    // Meta's template id; null until Meta accepted the submission.
    metaId: text("meta_id"),
    name: text("name").notNull(),
    language: text("language").notNull(),
    // MARKETING | UTILITY | AUTHENTICATION
    category: text("category").notNull(),
    // POSITIONAL ({{1}}) | NAMED ({{first_name}})
    parameterFormat: text("parameter_format").notNull().default("POSITIONAL"),
    components: jsonb("components").$type<Record<string, unknown>[]>().notNull(),
    // APPROVED | PENDING | REJECTED | PAUSED | DISABLED | IN_APPEAL | … (Meta's word, kept as sent)
    status: text("status").notNull(),
    // GREEN | YELLOW | RED | UNKNOWN
    qualityScore: text("quality_score"),
    rejectionReason: text("rejection_reason"),
    // Teams whose agents may use it; empty = everyone.
    teamIds: uuid("team_ids").array().notNull().default(sql`'{}'::uuid[]`),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: ts("submitted_at"),
    syncedAt: ts("synced_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("templates_ws_waba_name_lang_uq").on(t.workspaceId, t.wabaId, t.name, t.language),
    uniqueIndex("templates_meta_id_uq").on(t.workspaceId, t.metaId),
  ],
);

/**
 * What Meta told us about a template, as it came (status, quality and category webhooks): the
 * manager shows the history; an event for a template we have not synced yet is kept all the same.
 */
export const templateEvents = pgTable(
  "template_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    templateId: uuid("template_id").references(() => templates.id, { onDelete: "set null" }),
    wabaId: text("waba_id").notNull(),
    metaTemplateId: text("meta_template_id"),
    name: text("name"),
    language: text("language"),
    // message_template_status_update | message_template_quality_update | template_category_update
    field: text("field").notNull(),
    value: jsonb("value").$type<Record<string, unknown>>().notNull(),
    // Webhooks are at-least-once: the same notification twice is one event.
    dedupeKey: text("dedupe_key").notNull(),
    receivedAt: ts("received_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("template_events_dedupe_uq").on(t.workspaceId, t.dedupeKey),
    index("template_events_template_idx").on(t.templateId, t.receivedAt.desc().nullsFirst()),
  ],
);

/** Canned free-text replies for inside the window; `/shortcut` in the composer. */
export const snippets = pgTable(
  "snippets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    language: text("language"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("snippets_ws_shortcut_uq").on(t.workspaceId, t.shortcut)],
);
