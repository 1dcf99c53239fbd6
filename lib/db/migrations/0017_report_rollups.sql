CREATE TABLE "message_buckets" (
	"workspace_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"shard" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "message_buckets_workspace_id_bucket_shard_pk" PRIMARY KEY("workspace_id","bucket","shard")
);
--> statement-breakpoint
CREATE TABLE "message_windows" (
	"message_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"next_at" timestamp with time zone,
	"resolved_within" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_buckets" ADD CONSTRAINT "message_buckets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_windows" ADD CONSTRAINT "message_windows_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_windows_conversation_idx" ON "message_windows" USING btree ("conversation_id","at","message_id");--> statement-breakpoint
CREATE INDEX "message_windows_ws_missed_idx" ON "message_windows" USING btree ("workspace_id","at","conversation_id") WHERE (next_at is null or next_at - at > interval '24 hours') and not resolved_within;--> statement-breakpoint
CREATE INDEX "conversations_ws_report_active_idx" ON "conversations" USING btree ("workspace_id",greatest(last_message_at, case when status = 'resolved' then resolved_at end, csat_requested_at, first_inbound_at));--> statement-breakpoint
-- What a message is to the 24-hour window (lib/reports/window-misses.ts): 'customer' (opens or
-- renews it: a customer message that is not a reaction or WhatsApp's identity notice), 'answer'
-- (our reply that did not fail; an automation is no reply) or null (neither).
CREATE FUNCTION message_window_role(d message_direction, a author_type, k text, s delivery_status) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN d = 'inbound' AND a = 'customer' AND k NOT IN ('reaction', 'system') THEN 'customer'
              WHEN d = 'outbound' AND a = 'agent' AND s IS DISTINCT FROM 'failed' THEN 'answer' END $$;
--> statement-breakpoint
-- The conversation, as it is now, was resolved within the 24 hours after `at`: no miss then.
CREATE FUNCTION message_window_resolved_within(s conversation_status, resolved_at timestamptz, at timestamptz) RETURNS boolean
  LANGUAGE sql STABLE AS $$
  SELECT coalesce(s = 'resolved' AND resolved_at > at AND resolved_at <= at + interval '24 hours', false) $$;
--> statement-breakpoint
-- The time of the first customer message or answer after (t, mid) in the conversation, in the
-- report's order (created_at, id): one walk of messages_conversation_created_idx from t. PL/pgSQL,
-- not SQL: a SQL function that cannot be inlined is planned again on every trigger call (0.2 ms).
CREATE FUNCTION message_window_next(conv uuid, t timestamptz, mid uuid) RETURNS timestamptz
  LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN (SELECT m.created_at FROM messages m
           WHERE m.conversation_id = conv AND m.created_at >= t AND (m.created_at > t OR m.id > mid)
             AND message_window_role(m.direction, m.author_type, m.kind, m.status) IS NOT NULL
           ORDER BY m.created_at, m.id LIMIT 1);
END $$;
--> statement-breakpoint
-- Every window of a conversation again (a reply failed or came back, a message was deleted or
-- moved). Locks the conversation's windows first, then reads with a new snapshot: an insert that
-- committed meanwhile (it locks the window before it, below) is seen, one that waits sees ours.
CREATE FUNCTION message_windows_recompute(conv uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM message_windows WHERE conversation_id = conv ORDER BY at, message_id FOR NO KEY UPDATE;
  UPDATE message_windows w SET next_at = n.next_at
    FROM (SELECT message_id, message_window_next(conversation_id, at, message_id) AS next_at
            FROM message_windows WHERE conversation_id = conv) n
   WHERE w.message_id = n.message_id AND w.next_at IS DISTINCT FROM n.next_at;
END $$;
--> statement-breakpoint
-- message_windows kept by deferred constraint triggers on messages, as first_inbound_at (0016):
-- at commit the inbound path and our replies already hold the conversation's row lock (taken by
-- their bump, in id order), so two writers of one conversation never interleave here. A new
-- customer message or answer only ever lowers the next_at of the window just before it (every
-- earlier window's next message is at or before that one): one probe, one locked row. The new
-- customer message's own next_at is read from messages (a late arrival may already have one);
-- from its current row, so a message deleted or changed later in the transaction is handled by
-- the triggers that follow.
CREATE FUNCTION message_windows_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prev uuid;
  prev_next timestamptz;
BEGIN
  IF TG_OP = 'INSERT' THEN
    -- Locked even when it stays as it is, so a recompute running meanwhile (a reply failing) waits
    -- for us; FOR UPDATE returns the row as it is after any such wait.
    SELECT message_id, next_at INTO prev, prev_next FROM message_windows
     WHERE conversation_id = NEW.conversation_id AND at <= NEW.created_at AND (at < NEW.created_at OR message_id < NEW.id)
     ORDER BY at DESC, message_id DESC LIMIT 1 FOR NO KEY UPDATE;
    IF prev IS NOT NULL AND (prev_next IS NULL OR prev_next > NEW.created_at) THEN
      UPDATE message_windows SET next_at = NEW.created_at WHERE message_id = prev;
    END IF;
  ELSIF TG_OP = 'UPDATE' THEN
    DELETE FROM message_windows WHERE message_id = NEW.id;
  END IF;
  IF TG_OP = 'UPDATE' OR (TG_OP = 'INSERT' AND message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status) = 'customer') THEN
    INSERT INTO message_windows (message_id, workspace_id, conversation_id, at, next_at, resolved_within)
    SELECT m.id, m.workspace_id, m.conversation_id, m.created_at, message_window_next(m.conversation_id, m.created_at, m.id),
           message_window_resolved_within(c.status, c.resolved_at, m.created_at)
      FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.id = NEW.id AND message_window_role(m.direction, m.author_type, m.kind, m.status) = 'customer'
    ON CONFLICT (message_id) DO NOTHING;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM message_windows_recompute(OLD.conversation_id);
    IF TG_OP = 'UPDATE' AND NEW.conversation_id <> OLD.conversation_id THEN
      PERFORM message_windows_recompute(NEW.conversation_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_windows_insert AFTER INSERT ON messages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status) IS NOT NULL)
  EXECUTE FUNCTION message_windows_keep();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER messages_windows_delete AFTER DELETE ON messages DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) IS NOT NULL)
  EXECUTE FUNCTION message_windows_keep();
--> statement-breakpoint
-- Delivery receipts (sent → delivered → read) fire nothing: only a change of role, time or conversation.
CREATE CONSTRAINT TRIGGER messages_windows_update AFTER UPDATE OF direction, author_type, kind, status, created_at, conversation_id ON messages
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (message_window_role(OLD.direction, OLD.author_type, OLD.kind, OLD.status) IS DISTINCT FROM message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status)
    OR (message_window_role(NEW.direction, NEW.author_type, NEW.kind, NEW.status) IS NOT NULL
        AND (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.conversation_id IS DISTINCT FROM NEW.conversation_id)))
  EXECUTE FUNCTION message_windows_keep();
--> statement-breakpoint
-- A resolve or a reopen (the conversation's latest resolution is what counts) re-marks its windows.
-- Deferred like the rest, and read from the conversation as it is at commit, so whichever of this
-- and a new window's insert runs last sees both.
CREATE FUNCTION message_windows_resolved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE message_windows w SET resolved_within = message_window_resolved_within(c.status, c.resolved_at, w.at)
    FROM conversations c
   WHERE c.id = NEW.id AND w.conversation_id = NEW.id
     AND w.resolved_within <> message_window_resolved_within(c.status, c.resolved_at, w.at);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER conversations_windows_resolved AFTER UPDATE OF status, resolved_at ON conversations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'resolved') IS DISTINCT FROM (NEW.status = 'resolved') OR OLD.resolved_at IS DISTINCT FROM NEW.resolved_at)
  EXECUTE FUNCTION message_windows_resolved();
--> statement-breakpoint
INSERT INTO message_windows (message_id, workspace_id, conversation_id, at, next_at, resolved_within)
SELECT r.id, r.workspace_id, r.conversation_id, r.created_at, r.next_at, message_window_resolved_within(c.status, c.resolved_at, r.created_at)
  FROM (SELECT m.id, m.workspace_id, m.conversation_id, m.created_at,
               message_window_role(m.direction, m.author_type, m.kind, m.status) AS role,
               lead(m.created_at) OVER (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id) AS next_at
          FROM messages m
         WHERE message_window_role(m.direction, m.author_type, m.kind, m.status) IS NOT NULL) r
  JOIN conversations c ON c.id = r.conversation_id
 WHERE r.role = 'customer';
--> statement-breakpoint
-- The heatmap's rollup. Inserts and deletes by statement (one upsert per statement, whatever its
-- size), each backend on its own shard row so concurrent writers never wait on one another; a
-- message that changes time, workspace or author moves by row (rare; receipts do not fire it).
-- The bucket: created_at floored to 15 minutes UTC.
CREATE FUNCTION message_buckets_statement() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO message_buckets AS b (workspace_id, bucket, shard, n)
    SELECT workspace_id, to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900), pg_backend_pid(), count(*)
      FROM new_rows WHERE direction = 'inbound' AND author_type = 'customer' GROUP BY 1, 2
    ON CONFLICT (workspace_id, bucket, shard) DO UPDATE SET n = b.n + excluded.n;
  ELSE
    -- A workspace's own deletion cascades here after it is gone: nothing to count then.
    INSERT INTO message_buckets AS b (workspace_id, bucket, shard, n)
    SELECT o.workspace_id, to_timestamp(floor(extract(epoch FROM o.created_at) / 900) * 900), pg_backend_pid(), -count(*)
      FROM old_rows o
     WHERE o.direction = 'inbound' AND o.author_type = 'customer' AND EXISTS (SELECT 1 FROM workspaces w WHERE w.id = o.workspace_id)
     GROUP BY 1, 2
    ON CONFLICT (workspace_id, bucket, shard) DO UPDATE SET n = b.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION message_buckets_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO message_buckets AS b (workspace_id, bucket, shard, n)
  SELECT w, to_timestamp(floor(extract(epoch FROM t) / 900) * 900), pg_backend_pid(), d
    FROM (VALUES (OLD.workspace_id, OLD.created_at, -1, OLD.direction = 'inbound' AND OLD.author_type = 'customer'),
                 (NEW.workspace_id, NEW.created_at, 1, NEW.direction = 'inbound' AND NEW.author_type = 'customer')) v(w, t, d, counted)
   WHERE counted
  ON CONFLICT (workspace_id, bucket, shard) DO UPDATE SET n = b.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_buckets_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION message_buckets_statement();
--> statement-breakpoint
CREATE TRIGGER messages_buckets_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION message_buckets_statement();
--> statement-breakpoint
CREATE TRIGGER messages_buckets_update AFTER UPDATE OF workspace_id, created_at, direction, author_type ON messages FOR EACH ROW
  WHEN (OLD.workspace_id IS DISTINCT FROM NEW.workspace_id OR OLD.created_at IS DISTINCT FROM NEW.created_at
     OR (OLD.direction = 'inbound' AND OLD.author_type = 'customer') IS DISTINCT FROM (NEW.direction = 'inbound' AND NEW.author_type = 'customer'))
  EXECUTE FUNCTION message_buckets_row();
--> statement-breakpoint
INSERT INTO message_buckets (workspace_id, bucket, shard, n)
SELECT workspace_id, to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900), 0, count(*)
  FROM messages WHERE direction = 'inbound' AND author_type = 'customer' GROUP BY 1, 2;
--> statement-breakpoint
ANALYZE message_windows;
--> statement-breakpoint
ANALYZE message_buckets;
--> statement-breakpoint
-- The expression index has no statistics until the table is analyzed: without them the planner
-- guesses the per-agent set at a third of the workspace again.
ANALYZE conversations;
