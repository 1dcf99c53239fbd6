-- The report facts of new messages (first_inbound_at, message_windows, message_buckets), kept per
-- INSERT statement instead of per row. The row triggers of 0016/0017 cost the webhook processor
-- ~0.45 ms of commit time per customer message (a plpgsql call and its probes each): 11 ms of every
-- 100-event batch, a third of its throughput. One call per statement does the same work as three
-- set-based statements, whatever the batch size. Deletes, moves and changes of role (rare) keep
-- their deferred row triggers.
--
-- Not deferred (a statement trigger cannot be), so it takes the locks the deferred triggers relied
-- on the writer holding at commit: the conversations of the new rows, in id order (the webhook
-- batch has already locked them in that order, a reply locks its one conversation before its
-- bump), then the window just before each new row, as 0017's insert trigger did, so a recompute
-- (a reply failing) and this never interleave. A second writer to the same conversation waits on
-- the conversation and then reads with a new snapshot, so it sees the windows this one wrote.
DROP TRIGGER messages_first_inbound_insert ON messages;
--> statement-breakpoint
DROP TRIGGER messages_windows_insert ON messages;
--> statement-breakpoint
DROP TRIGGER messages_buckets_insert ON messages;
--> statement-breakpoint
-- Every statement below is shaped so that its one sensible plan is also its only plan, whatever
-- the statistics: PL/pgSQL caches a statement's plan for the session, and one made while a table
-- was small (a new install, a test database) is reused until the next ANALYZE. With joins against
-- the transition table the planner chose full scans of message_windows for every batch (30 ms, then
-- 700 ms a batch at 5,000 windows in bench:process). So rows are looked up by key arrays (= ANY)
-- and correlated subqueries driven from new_rows, and enable_seqscan is off for what remains.
CREATE FUNCTION messages_facts_insert() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  convs uuid[];
  firsts_conv uuid[];
  firsts_at timestamptz[];
  prev_ids uuid[];
  prev_ts timestamptz[];
BEGIN
  INSERT INTO message_buckets AS b (workspace_id, bucket, shard, n)
  SELECT workspace_id, to_timestamp(floor(extract(epoch FROM created_at) / 900) * 900), pg_backend_pid(), count(*)
    FROM new_rows WHERE direction = 'inbound' AND author_type = 'customer' GROUP BY 1, 2
  ON CONFLICT (workspace_id, bucket, shard) DO UPDATE SET n = b.n + excluded.n;

  -- System events, notes and automations: nothing else to keep, and no lock taken.
  SELECT array_agg(DISTINCT conversation_id ORDER BY conversation_id) INTO convs
    FROM new_rows WHERE direction = 'inbound' OR message_window_role(direction, author_type, kind, status) IS NOT NULL;
  IF convs IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM conversations WHERE id = ANY (convs) ORDER BY id FOR NO KEY UPDATE;

  -- An insert only ever moves first_inbound_at earlier: no write for every message but the first.
  SELECT array_agg(conversation_id), array_agg(at) INTO firsts_conv, firsts_at
    FROM (SELECT conversation_id, min(created_at) AS at FROM new_rows WHERE direction = 'inbound' GROUP BY 1) f;
  IF firsts_conv IS NOT NULL THEN
    UPDATE conversations SET first_inbound_at = firsts_at[array_position(firsts_conv, id)]
     WHERE id = ANY (firsts_conv) AND (first_inbound_at IS NULL OR first_inbound_at > firsts_at[array_position(firsts_conv, id)]);
  END IF;

  -- A new customer message or answer only ever lowers the next_at of the window just before it
  -- (every earlier window's next message is at or before that window's own). Those windows are
  -- locked even when they stay as they are, so a recompute running meanwhile waits for us.
  SELECT array_agg(message_id ORDER BY message_id), array_agg(t ORDER BY message_id) INTO prev_ids, prev_ts
    FROM (SELECT p.message_id, min(r.created_at) AS t FROM new_rows r
            CROSS JOIN LATERAL (SELECT w.message_id FROM message_windows w
                                 WHERE w.conversation_id = r.conversation_id AND w.at <= r.created_at AND (w.at < r.created_at OR w.message_id < r.id)
                                 ORDER BY w.at DESC, w.message_id DESC LIMIT 1) p
           WHERE message_window_role(r.direction, r.author_type, r.kind, r.status) IS NOT NULL
           GROUP BY p.message_id) x;
  IF prev_ids IS NOT NULL THEN
    PERFORM 1 FROM message_windows WHERE message_id = ANY (prev_ids) ORDER BY message_id FOR NO KEY UPDATE;
    UPDATE message_windows SET next_at = prev_ts[array_position(prev_ids, message_id)]
     WHERE message_id = ANY (prev_ids) AND (next_at IS NULL OR next_at > prev_ts[array_position(prev_ids, message_id)]);
  END IF;

  -- Each new customer message's own window; its next message is read from messages, which already
  -- holds the whole statement's rows (and any later message that arrived first).
  INSERT INTO message_windows (message_id, workspace_id, conversation_id, at, next_at, resolved_within)
  SELECT r.id, r.workspace_id, r.conversation_id, r.created_at, message_window_next(r.conversation_id, r.created_at, r.id),
         (SELECT message_window_resolved_within(c.status, c.resolved_at, r.created_at) FROM conversations c WHERE c.id = r.conversation_id)
    FROM new_rows r
   WHERE message_window_role(r.direction, r.author_type, r.kind, r.status) = 'customer'
  ON CONFLICT (message_id) DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_facts_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION messages_facts_insert();
