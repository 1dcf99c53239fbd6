ALTER TABLE "users" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "send_state" jsonb;--> statement-breakpoint
-- Send-attempt bookkeeping used to live inside the content (payload.sendState): move it out.
UPDATE "messages" SET "send_state" = "payload" -> 'sendState', "payload" = nullif("payload" - 'sendState', '{}'::jsonb) WHERE "payload" ? 'sendState';
