import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { conversations, messages } from "./conversations";
import { workspaces } from "./workspace";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One row per customer message that can open a 24-hour window (lib/reports/window-misses.ts), with
 * the time of the next message that answers or renews it (`next_at`: our reply that did not fail,
 * or another customer message; null while there is none) and whether the conversation was resolved
 * within its 24 hours (the last word needed no answer). Kept by triggers on messages and
 * conversations (migration 0017), in a side table so a reply never rewrites the wide messages row
 * it follows.
 */
export const messageWindows = pgTable(
  "message_windows",
  {
    messageId: uuid("message_id")
      .primaryKey()
      .references(() => messages.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    at: ts("at").notNull(),
    nextAt: ts("next_at"),
    // conversations.status = 'resolved' and resolved_at in (at, at + 24 h], as the conversation is now.
    resolvedWithin: boolean("resolved_within").notNull().default(false),
  },
  (t) => [
    // The insert trigger's one probe: the conversation's message just before the new one.
    index("message_windows_conversation_idx").on(t.conversationId, t.at, t.messageId),
    // The report reads only the misses (~1.4k a month, not ~70k customer messages), index-only.
    // `next_at - at` (interval), not `at + interval`: timestamptz + interval is not immutable.
    index("message_windows_ws_missed_idx")
      .on(t.workspaceId, t.at, t.conversationId)
      .where(sql`(next_at is null or next_at - at > interval '24 hours') and not resolved_within`),
  ],
);

/**
 * Customer messages per workspace and 15-minute UTC bucket, for the heatmap: every zone's offset
 * today is a multiple of 15 minutes, so a local hour is a union of whole buckets. `shard` is the
 * writing backend's pid, so parallel processors add to their own rows and never wait on one row;
 * a bucket's count is the sum over its shards (a delete may leave a shard negative).
 */
export const messageBuckets = pgTable(
  "message_buckets",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    bucket: ts("bucket").notNull(),
    shard: integer("shard").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.bucket, t.shard] })],
);

/**
 * The days on which we replied in a conversation, for the per-agent table's "handled" column
 * (lib/reports/agents.ts): one row per conversation and calendar day in the workspace's zone with
 * `n` replies that count (outbound by an agent, not failed: message_window_role = 'answer'), and
 * the conversation's assignee and team as they are now, so the report reads ~5k rows a month
 * without visiting a conversation (the messages themselves were ~25k index entries, then every
 * conversation active since the range began). Kept by triggers (migration 0022): the messages
 * insert statement trigger, row triggers for a reply that fails, comes back, moves or is deleted,
 * conversations' assignee and team, and workspaces' time zone (the whole workspace again).
 */
export const replyDays = pgTable(
  "reply_days",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    n: integer("n").notNull(),
    assigneeId: uuid("assignee_id"),
    teamId: uuid("team_id"),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.day] }),
    // The report's one range, index-only: every column it reads is a key.
    index("reply_days_ws_day_idx").on(t.workspaceId, t.day, t.assigneeId, t.conversationId, t.teamId),
  ],
);
