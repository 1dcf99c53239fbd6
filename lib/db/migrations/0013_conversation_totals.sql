-- Resolved conversations per workspace (conversation_totals, see lib/db/schema/conversations.ts),
-- kept by row triggers that fire only when a row enters or leaves "resolved" (the WHEN clauses
-- are checked without calling the function, so inbound bumps and assignments cost nothing).
CREATE OR REPLACE FUNCTION conversation_totals_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- A workspace's cascade may have removed its totals row already: then there is nothing to keep.
    UPDATE conversation_totals SET resolved = resolved - 1 WHERE workspace_id = OLD.workspace_id;
    RETURN NULL;
  END IF;
  INSERT INTO conversation_totals AS t (workspace_id, resolved)
    VALUES (NEW.workspace_id, CASE WHEN NEW.status = 'resolved' THEN 1 ELSE -1 END)
    ON CONFLICT (workspace_id) DO UPDATE SET resolved = t.resolved + EXCLUDED.resolved;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_totals_insert AFTER INSERT ON conversations
  FOR EACH ROW WHEN (NEW.status = 'resolved') EXECUTE FUNCTION conversation_totals_bump();
--> statement-breakpoint
CREATE TRIGGER conversation_totals_update AFTER UPDATE OF status ON conversations
  FOR EACH ROW WHEN ((OLD.status = 'resolved') IS DISTINCT FROM (NEW.status = 'resolved')) EXECUTE FUNCTION conversation_totals_bump();
--> statement-breakpoint
CREATE TRIGGER conversation_totals_delete AFTER DELETE ON conversations
  FOR EACH ROW WHEN (OLD.status = 'resolved') EXECUTE FUNCTION conversation_totals_bump();
--> statement-breakpoint
INSERT INTO conversation_totals (workspace_id, resolved)
  SELECT w.id, (SELECT count(*) FROM conversations c WHERE c.workspace_id = w.id AND c.status = 'resolved')::int FROM workspaces w
  ON CONFLICT (workspace_id) DO UPDATE SET resolved = EXCLUDED.resolved;
