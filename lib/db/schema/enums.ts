import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "lead", "agent"]);
export const availabilityEnum = pgEnum("availability", ["online", "away", "offline"]);
export const conversationStatusEnum = pgEnum("conversation_status", ["open", "pending", "snoozed", "resolved"]);
export const priorityEnum = pgEnum("priority", ["low", "normal", "high", "urgent"]);
// "internal" carries system events (assigned, resolved…) and, later, private notes: never sent to WhatsApp.
export const directionEnum = pgEnum("message_direction", ["inbound", "outbound", "internal"]);
export const authorTypeEnum = pgEnum("author_type", ["customer", "agent", "system"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["queued", "sent", "delivered", "read", "failed"]);
