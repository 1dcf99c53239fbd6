ALTER TABLE "conversations" ADD COLUMN "first_inbound_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "conversations_ws_first_inbound_idx" ON "conversations" USING btree ("workspace_id","first_inbound_at","first_response_at","assignee_id");--> statement-breakpoint
CREATE INDEX "conversations_ws_resolved_idx" ON "conversations" USING btree ("workspace_id","resolved_at","created_at") WHERE status = 'resolved';--> statement-breakpoint
CREATE INDEX "conversations_ws_csat_idx" ON "conversations" USING btree ("workspace_id","csat_requested_at","csat_rating") WHERE csat_requested_at is not null;--> statement-breakpoint
CREATE INDEX "messages_ws_customer_idx" ON "messages" USING btree ("workspace_id","created_at") WHERE direction = 'inbound' and author_type = 'customer';--> statement-breakpoint
CREATE INDEX "messages_ws_agent_reply_idx" ON "messages" USING btree ("workspace_id","created_at","conversation_id") WHERE direction = 'outbound' and author_type = 'agent' and status is distinct from 'failed';--> statement-breakpoint
-- conversations.first_inbound_at = the conversation's earliest inbound message, kept by triggers on
-- messages because many writers insert them (webhook processing, echoes, seeds, seed:scale, tests).
-- Deferred to commit: by then the inbound path has already locked the conversation (its bump, in id
-- order), so the trigger never takes a row lock out of that order. An insert only moves it earlier
-- (the WHERE matches nothing for every message but the first: no write, no lock); a delete or a
-- move recomputes it from messages_conversation_created_idx, and a cascade finds no conversation.
CREATE OR REPLACE FUNCTION conversations_first_inbound_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE conversations SET first_inbound_at = NEW.created_at
     WHERE id = NEW.conversation_id AND (first_inbound_at IS NULL OR first_inbound_at > NEW.created_at);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE conversations c
       SET first_inbound_at = (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')
     WHERE c.id = OLD.conversation_id AND c.first_inbound_at = OLD.created_at;
  ELSE
    UPDATE conversations c
       SET first_inbound_at = (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound')
     WHERE c.id IN (OLD.conversation_id, NEW.conversation_id);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_first_inbound_insert AFTER INSERT ON messages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW.direction = 'inbound') EXECUTE FUNCTION conversations_first_inbound_keep();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_first_inbound_delete AFTER DELETE ON messages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD.direction = 'inbound') EXECUTE FUNCTION conversations_first_inbound_keep();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_first_inbound_update AFTER UPDATE OF direction, created_at, conversation_id ON messages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN ((OLD.direction = 'inbound' OR NEW.direction = 'inbound')
    AND (OLD.direction IS DISTINCT FROM NEW.direction OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.conversation_id IS DISTINCT FROM NEW.conversation_id))
  EXECUTE FUNCTION conversations_first_inbound_keep();
--> statement-breakpoint
UPDATE conversations c SET first_inbound_at = f.at
  FROM (SELECT conversation_id, min(created_at) AS at FROM messages WHERE direction = 'inbound' GROUP BY conversation_id) f
 WHERE c.id = f.conversation_id;
