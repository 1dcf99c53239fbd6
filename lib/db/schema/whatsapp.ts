import { sql } from "drizzle-orm";
import { bigserial, bigint, boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels, workspaces } from "./workspace";
import { messages } from "./conversations";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Every signed webhook POST, stored raw before we answer 200: processing happens after the
 * answer, and rows still `pending` at start are processed again, so a crash loses nothing.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    receivedAt: ts("received_at").notNull().defaultNow(),
    // pending | processed | malformed | failed
    status: text("status").notNull().default("pending"),
    body: text("body").notNull(),
    signatureValid: boolean("signature_valid").notNull().default(true),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    processedAt: ts("processed_at"),
  },
  (t) => [index("webhook_events_pending_idx").on(t.id).where(sql`status = 'pending'`)],
);

/** Inbound media: fetched from the Graph API in the background, then served to the workspace only. */
export const mediaFiles = pgTable(
  "media_files",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull().references(() => channels.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    providerMediaId: text("provider_media_id").notNull(),
    mimeType: text("mime_type"),
    sha256: text("sha256"),
    fileSize: bigint("file_size", { mode: "number" }),
    filename: text("filename"),
    storagePath: text("storage_path"),
    // pending | stored | failed
    status: text("status").notNull().default("pending"),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("media_files_channel_media_uq").on(t.channelId, t.providerMediaId), index("media_files_message_idx").on(t.messageId)],
);
