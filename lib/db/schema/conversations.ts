import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { authorTypeEnum, conversationStatusEnum, deliveryStatusEnum, directionEnum, priorityEnum } from "./enums";
import { channels, contacts, teams, users, workspaces } from "./workspace";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull().references(() => contacts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    status: conversationStatusEnum("status").notNull().default("open"),
    priority: priorityEnum("priority").notNull().default("normal"),
    assigneeId: uuid("assignee_id").references(() => users.id, { onDelete: "set null" }),
    teamId: uuid("team_id").references(() => teams.id, { onDelete: "set null" }),
    lastMessageAt: ts("last_message_at").notNull().defaultNow(),
    lastMessagePreview: text("last_message_preview"),
    lastMessageDirection: directionEnum("last_message_direction"),
    // Start of WhatsApp's 24-hour customer service window.
    lastInboundAt: ts("last_inbound_at"),
    // Set while the customer waits for us (their message is the newest); cleared by our reply.
    waitingSince: ts("waiting_since"),
    firstResponseAt: ts("first_response_at"),
    // The customer's first message (any inbound message, earliest by time): the start of the
    // report's first-response sample. Kept by triggers on messages (migration 0016), so every
    // writer (webhooks, seeds, imports) keeps it and the report reads no messages for it.
    firstInboundAt: ts("first_inbound_at"),
    unreadCount: integer("unread_count").notNull().default(0),
    snoozedUntil: ts("snoozed_until"),
    resolvedAt: ts("resolved_at"),
    assignedAt: ts("assigned_at"),
    // Waiting in its team's queue for an agent with room (auto-assignment), oldest first.
    queuedAt: ts("queued_at"),
    // Customer satisfaction: asked on resolve, answered with a quick reply (1–5).
    csatRequestedAt: ts("csat_requested_at"),
    csatRating: integer("csat_rating"),
    csatAnsweredAt: ts("csat_answered_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("conversations_team_queue_idx").on(t.workspaceId, t.teamId, t.queuedAt).where(sql`queued_at is not null`),
    index("conversations_ws_created_idx").on(t.workspaceId, t.createdAt),
    // Keyset pagination of every inbox view: newest activity first, id breaks ties.
    index("conversations_ws_last_idx").on(t.workspaceId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_ws_status_last_idx").on(t.workspaceId, t.status, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_ws_assignee_last_idx").on(t.workspaceId, t.assigneeId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_ws_team_last_idx").on(t.workspaceId, t.teamId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The views without a status (all, mine, unassigned, a team) list open and pending ones only: a
    // few thousand rows among years of resolved history. Partial indexes in the list's keyset order
    // let a page read its 41 rows in order instead of sorting every live conversation (issue 14).
    index("conversations_ws_active_last_idx").on(t.workspaceId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`status in ('open', 'pending')`),
    index("conversations_ws_active_assignee_last_idx").on(t.workspaceId, t.assigneeId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`status in ('open', 'pending')`),
    index("conversations_ws_active_team_last_idx").on(t.workspaceId, t.teamId, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`status in ('open', 'pending')`),
    // The lead's report (lib/reports): each figure's range scan reads only these index entries.
    index("conversations_ws_first_inbound_idx").on(t.workspaceId, t.firstInboundAt, t.firstResponseAt, t.assigneeId),
    // assignee_id last: the per-agent table counts resolutions per agent from the index alone.
    index("conversations_ws_resolved_idx").on(t.workspaceId, t.resolvedAt, t.createdAt, t.assigneeId).where(sql`status = 'resolved'`),
    // The per-agent table's conversations: anything of theirs in the range (a message, a
    // resolution, a CSAT request, a first customer message). One range of one index, so the planner
    // sees 13k rows, not the 34k it guessed for the four-way OR (and read the whole table for).
    index("conversations_ws_report_active_idx").on(
      t.workspaceId,
      sql`greatest(last_message_at, case when status = 'resolved' then resolved_at end, csat_requested_at, first_inbound_at)`,
    ),
    index("conversations_ws_csat_idx").on(t.workspaceId, t.csatRequestedAt, t.csatRating, t.assigneeId).where(sql`csat_requested_at is not null`),
    index("conversations_contact_idx").on(t.contactId, t.createdAt.desc().nullsFirst()),
    // At most one live conversation per customer and number: inbound messages find it, never fork it.
    uniqueIndex("conversations_one_live_uq").on(t.contactId, t.channelId).where(sql`status <> 'resolved'`),
  ],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    direction: directionEnum("direction").notNull(),
    authorType: authorTypeEnum("author_type").notNull(),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    // text | image | video | audio | sticker | document | location | contacts | interactive | button
    // | reaction | order | template | unsupported | event
    kind: text("kind").notNull(),
    text: text("text"),
    payload: jsonb("payload").$type<Record<string, unknown>>(),
    providerMessageId: text("provider_message_id"),
    // Chosen by the composer so a retried POST stores one reply, not two.
    clientMessageId: text("client_message_id"),
    replyToMessageId: uuid("reply_to_message_id"),
    // Null for inbound and internal rows: only what we send has a delivery status.
    status: deliveryStatusEnum("status"),
    error: jsonb("error").$type<{ code: number | string; title: string; message: string } | null>(),
    // The customer's reaction to this message ({ emoji, at }); an empty emoji removes it.
    reaction: jsonb("reaction").$type<{ emoji: string; at: string } | null>(),
    // The outbox's bookkeeping of an attempt in flight (see lib/messages/send-state.ts), kept apart
    // from the content in payload.
    sendState: jsonb("send_state").$type<Record<string, unknown> | null>(),
    sendAttempts: integer("send_attempts").notNull().default(0),
    // The customer edited (coexistence: within 15 minutes) or deleted (within 2 days) it on WhatsApp.
    editedAt: ts("edited_at"),
    revokedAt: ts("revoked_at"),
    // Earlier versions, oldest first: [{ text, payload, at }]. A deleted message's content is here only.
    history: jsonb("history").$type<{ text: string | null; payload: Record<string, unknown> | null; at: string }[] | null>(),
    // Sent by the business from the WhatsApp Business app (a coexistence echo), not from Sportello.
    echo: boolean("echo").notNull().default(false),
    // What WhatsApp charges for it (statuses carry pricing since July 2025): { category, type, billable }.
    pricing: jsonb("pricing").$type<{ category?: string; type?: string; billable?: boolean; model?: string } | null>(),
    sentAt: ts("sent_at"),
    deliveredAt: ts("delivered_at"),
    readAt: ts("read_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("messages_conversation_created_idx").on(t.conversationId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The same wamid delivered twice is one message.
    uniqueIndex("messages_channel_provider_uq").on(t.channelId, t.providerMessageId),
    uniqueIndex("messages_conversation_client_uq").on(t.conversationId, t.clientMessageId),
    // The outbox sweeper scans queued outbound messages every minute: keep that off the whole table.
    index("messages_queued_created_idx").on(t.createdAt).where(sql`status = 'queued' and direction = 'outbound'`),
    index("messages_search_idx").using("gin", sql`to_tsvector('simple', coalesce(${t.text}, ''))`),
    index("messages_ws_created_idx").on(t.workspaceId, t.createdAt),
    // The report's heatmap (customer messages) and "handled" (our replies that did not fail): a
    // month is ~70k of each at scale, read from these narrow partial indexes alone (index-only).
    index("messages_ws_customer_idx").on(t.workspaceId, t.createdAt).where(sql`direction = 'inbound' and author_type = 'customer'`),
    index("messages_ws_agent_reply_idx").on(t.workspaceId, t.createdAt, t.conversationId).where(sql`direction = 'outbound' and author_type = 'agent' and status is distinct from 'failed'`),
  ],
);

export const labels = pgTable(
  "labels",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // One of the design system's label hues (slate, blue, green, amber, red, violet, pink, teal).
    color: text("color").notNull().default("slate"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("labels_workspace_name_uq").on(t.workspaceId, sql`lower(${t.name})`)],
);

export const conversationLabels = pgTable(
  "conversation_labels",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    labelId: uuid("label_id").notNull().references(() => labels.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.labelId] }), index("conversation_labels_label_idx").on(t.labelId)],
);

// Per-user notices: a conversation assigned to you, an @mention in a note.
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    // "assigned" | "mention"
    kind: text("kind").notNull(),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: ts("read_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc().nullsFirst()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`read_at is null`),
  ],
);

// Who has a thread open right now (heartbeat) and who is typing in it: presence, not history.
export const conversationViewers = pgTable(
  "conversation_viewers",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull().references(() => conversations.id, { onDelete: "cascade" }),
    userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    seenAt: ts("seen_at").notNull().defaultNow(),
    typingAt: ts("typing_at"),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    conversationId: uuid("conversation_id").references(() => conversations.id, { onDelete: "cascade" }),
    action: text("action").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_ws_created_idx").on(t.workspaceId, t.createdAt.desc().nullsFirst()),
    index("audit_log_conversation_idx").on(t.conversationId, t.createdAt.desc().nullsFirst()),
  ],
);

/**
 * Resolved conversations per workspace, kept by triggers on conversations (migration
 * 0013_conversation_totals.sql): the left pane's "Resolved" count would otherwise count years of
 * history on every request. Only resolved is kept here because only it is large; a trigger (not the
 * domain code) keeps it because every path that inserts, resolves, reopens or deletes a
 * conversation (replies, bulk changes, routing, seeds, a workspace's cascade) must move it, and its
 * row is locked only when a conversation enters or leaves resolved (human pace), never by inbound
 * traffic.
 */
export const conversationTotals = pgTable("conversation_totals", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  resolved: integer("resolved").notNull().default(0),
});

/**
 * Live (open, pending, snoozed) conversations per workspace, status, assignee and team: the left
 * pane's view counts (migration 0019_live_conversation_counts.sql). Kept as append-only deltas by
 * row triggers on conversations, so a new conversation or an assignment inserts a row and never
 * waits on a counter row another transaction holds (the webhook processor's batches would make one
 * hot); `compact_conversation_counts()` folds the deltas into one row per group every 10 s. A
 * count is `sum(n)` over a workspace's rows: a few hundred, where counting the conversations
 * themselves scans every live one on each request (bench:api, issue 14). No foreign keys: a
 * workspace's cascade deletes its conversations, whose triggers then add the rows that cancel it.
 */
export const conversationCounts = pgTable(
  "conversation_counts",
  {
    workspaceId: uuid("workspace_id").notNull(),
    status: conversationStatusEnum("status").notNull(),
    assigneeId: uuid("assignee_id"),
    teamId: uuid("team_id"),
    n: integer("n").notNull(),
  },
  (t) => [index("conversation_counts_workspace_idx").on(t.workspaceId)],
);
