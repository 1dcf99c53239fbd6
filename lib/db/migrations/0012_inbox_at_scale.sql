CREATE TABLE "conversation_totals" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP INDEX "audit_log_ws_created_idx";--> statement-breakpoint
DROP INDEX "audit_log_conversation_idx";--> statement-breakpoint
DROP INDEX "conversations_ws_last_idx";--> statement-breakpoint
DROP INDEX "conversations_ws_status_last_idx";--> statement-breakpoint
DROP INDEX "conversations_ws_assignee_last_idx";--> statement-breakpoint
DROP INDEX "conversations_ws_team_last_idx";--> statement-breakpoint
DROP INDEX "conversations_contact_idx";--> statement-breakpoint
DROP INDEX "messages_conversation_created_idx";--> statement-breakpoint
DROP INDEX "notifications_user_created_idx";--> statement-breakpoint
DROP INDEX "template_events_template_idx";--> statement-breakpoint
DROP INDEX "bookings_contact_idx";--> statement-breakpoint
DROP INDEX "payment_requests_ws_created_idx";--> statement-breakpoint
DROP INDEX "payment_requests_ws_status_created_idx";--> statement-breakpoint
DROP INDEX "payment_requests_conversation_idx";--> statement-breakpoint
ALTER TABLE "conversation_totals" ADD CONSTRAINT "conversation_totals_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversations_ws_active_last_idx" ON "conversations" USING btree ("workspace_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('open', 'pending');--> statement-breakpoint
CREATE INDEX "conversations_ws_active_assignee_last_idx" ON "conversations" USING btree ("workspace_id","assignee_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('open', 'pending');--> statement-breakpoint
CREATE INDEX "conversations_ws_active_team_last_idx" ON "conversations" USING btree ("workspace_id","team_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE status in ('open', 'pending');--> statement-breakpoint
CREATE INDEX "audit_log_ws_created_idx" ON "audit_log" USING btree ("workspace_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "audit_log_conversation_idx" ON "audit_log" USING btree ("conversation_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_ws_last_idx" ON "conversations" USING btree ("workspace_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_ws_status_last_idx" ON "conversations" USING btree ("workspace_id","status","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_ws_assignee_last_idx" ON "conversations" USING btree ("workspace_id","assignee_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_ws_team_last_idx" ON "conversations" USING btree ("workspace_id","team_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_contact_idx" ON "conversations" USING btree ("contact_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "messages_conversation_created_idx" ON "messages" USING btree ("conversation_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_user_created_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "template_events_template_idx" ON "template_events" USING btree ("template_id","received_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "bookings_contact_idx" ON "bookings" USING btree ("contact_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payment_requests_ws_created_idx" ON "payment_requests" USING btree ("workspace_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payment_requests_ws_status_created_idx" ON "payment_requests" USING btree ("workspace_id","status","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payment_requests_conversation_idx" ON "payment_requests" USING btree ("conversation_id","created_at" DESC NULLS FIRST);