CREATE TABLE "reply_days" (
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	"assignee_id" uuid,
	"team_id" uuid,
	CONSTRAINT "reply_days_conversation_id_day_pk" PRIMARY KEY("conversation_id","day")
);
--> statement-breakpoint
DROP INDEX "conversations_ws_resolved_idx";--> statement-breakpoint
DROP INDEX "conversations_ws_csat_idx";--> statement-breakpoint
ALTER TABLE "reply_days" ADD CONSTRAINT "reply_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reply_days" ADD CONSTRAINT "reply_days_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reply_days_ws_day_idx" ON "reply_days" USING btree ("workspace_id","day","assignee_id","conversation_id","team_id");--> statement-breakpoint
CREATE INDEX "conversations_ws_resolved_idx" ON "conversations" USING btree ("workspace_id","resolved_at","created_at","assignee_id") WHERE status = 'resolved';--> statement-breakpoint
CREATE INDEX "conversations_ws_csat_idx" ON "conversations" USING btree ("workspace_id","csat_requested_at","csat_rating","assignee_id") WHERE csat_requested_at is not null;--> statement-breakpoint
-- The calendar day of `at` in workspace `ws`'s zone: the report's days (lib/reports/scope.ts).
CREATE FUNCTION reply_day(ws uuid, at timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT (at AT TIME ZONE (SELECT w.timezone FROM workspaces w WHERE w.id = ws))::date $$;
--> statement-breakpoint
-- Every reply day of a workspace again, from its messages: the backfill below, and a change of the
-- workspace's zone (each day's bounds moved).
CREATE FUNCTION reply_days_rebuild(ws uuid) RETURNS void LANGUAGE sql AS $$
  DELETE FROM reply_days WHERE workspace_id = ws;
  INSERT INTO reply_days (workspace_id, conversation_id, day, n, assignee_id, team_id)
  SELECT m.workspace_id, m.conversation_id, (m.created_at AT TIME ZONE w.timezone)::date, count(*)::int, c.assignee_id, c.team_id
    FROM messages m
    JOIN workspaces w ON w.id = m.workspace_id
    JOIN conversations c ON c.id = m.conversation_id
   WHERE m.workspace_id = ws AND message_window_role(m.direction, m.author_type, m.kind, m.status) = 'answer'
   GROUP BY m.workspace_id, m.conversation_id, 3, c.assignee_id, c.team_id;
$$;
--> statement-breakpoint
-- New replies, per INSERT statement (as messages_facts_insert, 0018, which fires first and has
-- already locked these conversations in id order: here it is only re-asserted, so the assignee and
-- team read below are the ones a concurrent reassignment will overwrite after us).
CREATE FUNCTION reply_days_insert() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  convs uuid[];
BEGIN
  SELECT array_agg(DISTINCT conversation_id ORDER BY conversation_id) INTO convs
    FROM new_rows WHERE message_window_role(direction, author_type, kind, status) = 'answer';
  IF convs IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM conversations WHERE id = ANY (convs) ORDER BY id FOR NO KEY UPDATE;
  INSERT INTO reply_days AS d (workspace_id, conversation_id, day, n, assignee_id, team_id)
  SELECT r.workspace_id, r.conversation_id, reply_day(r.workspace_id, r.created_at), count(*)::int,
         (SELECT c.assignee_id FROM conversations c WHERE c.id = r.conversation_id),
         (SELECT c.team_id FROM conversations c WHERE c.id = r.conversation_id)
    FROM new_rows r
   WHERE message_window_role(r.direction, r.author_type, r.kind, r.status) = 'answer'
   GROUP BY r.workspace_id, r.conversation_id, 3
  ON CONFLICT (conversation_id, day) DO UPDATE SET n = d.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_reply_days_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reply_days_insert();
--> statement-breakpoint
-- A reply that fails or comes back, moves, changes time or is deleted (rare): −1 on its old day,
-- +1 on its new one. A day left at 0 goes.
CREATE FUNCTION reply_days_change() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  IF message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) = 'answer' THEN
    UPDATE reply_days SET n = n - 1 WHERE conversation_id = OLD.conversation_id AND day = reply_day(OLD.workspace_id, OLD.created_at);
    DELETE FROM reply_days WHERE conversation_id = OLD.conversation_id AND day = reply_day(OLD.workspace_id, OLD.created_at) AND n <= 0;
  END IF;
  IF TG_OP = 'UPDATE' AND message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status) = 'answer' THEN
    INSERT INTO reply_days AS d (workspace_id, conversation_id, day, n, assignee_id, team_id)
    SELECT NEW.workspace_id, NEW.conversation_id, reply_day(NEW.workspace_id, NEW.created_at), 1, c.assignee_id, c.team_id
      FROM conversations c WHERE c.id = NEW.conversation_id
    ON CONFLICT (conversation_id, day) DO UPDATE SET n = d.n + 1;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_reply_days_delete AFTER DELETE ON messages
  FOR EACH ROW WHEN (message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) = 'answer')
  EXECUTE FUNCTION reply_days_change();
--> statement-breakpoint
-- Delivery receipts (sent → delivered → read) fire nothing: only a change of role, time or conversation.
CREATE TRIGGER messages_reply_days_update AFTER UPDATE OF direction, author_type, kind, status, created_at, conversation_id ON messages
  FOR EACH ROW
  WHEN ((message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) = 'answer'
         OR message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status) = 'answer')
    AND (message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) IS DISTINCT FROM message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status)
         OR OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.conversation_id IS DISTINCT FROM NEW.conversation_id))
  EXECUTE FUNCTION reply_days_change();
--> statement-breakpoint
-- Replies count for the conversation's assignee and team as they are now (as every other column of
-- the per-agent table): a reassignment carries its reply days along.
CREATE FUNCTION reply_days_owner() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  UPDATE reply_days SET assignee_id = NEW.assignee_id, team_id = NEW.team_id WHERE conversation_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversations_reply_days_owner AFTER UPDATE OF assignee_id, team_id ON conversations
  FOR EACH ROW WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id OR OLD.team_id IS DISTINCT FROM NEW.team_id)
  EXECUTE FUNCTION reply_days_owner();
--> statement-breakpoint
CREATE FUNCTION reply_days_zone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reply_days_rebuild(NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER workspaces_reply_days_zone AFTER UPDATE OF timezone ON workspaces
  FOR EACH ROW WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
  EXECUTE FUNCTION reply_days_zone();
--> statement-breakpoint
SELECT reply_days_rebuild(id) FROM workspaces;
