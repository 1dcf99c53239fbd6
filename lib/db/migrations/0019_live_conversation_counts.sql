CREATE TABLE "conversation_counts" (
	"workspace_id" uuid NOT NULL,
	"status" "conversation_status" NOT NULL,
	"assignee_id" uuid,
	"team_id" uuid,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "conversation_counts_workspace_idx" ON "conversation_counts" USING btree ("workspace_id");--> statement-breakpoint
-- Live conversations per workspace, status, assignee and team (conversation_counts, see
-- lib/db/schema/conversations.ts): the view counts read a few hundred rows instead of counting every
-- live conversation on each request. Row triggers append a -1 for the group a conversation leaves
-- and a +1 for the one it enters; they fire only when a row is inserted live, deleted live, or
-- changes status, assignee or team (the WHEN clauses are checked without calling the function,
-- so inbound bumps cost nothing). Append-only: no transaction waits on another's counter row.
CREATE OR REPLACE FUNCTION conversation_counts_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status <> 'resolved' THEN
    INSERT INTO conversation_counts (workspace_id, status, assignee_id, team_id, n)
      VALUES (OLD.workspace_id, OLD.status, OLD.assignee_id, OLD.team_id, -1);
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status <> 'resolved' THEN
    INSERT INTO conversation_counts (workspace_id, status, assignee_id, team_id, n)
      VALUES (NEW.workspace_id, NEW.status, NEW.assignee_id, NEW.team_id, 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations
  FOR EACH ROW WHEN (NEW.status <> 'resolved') EXECUTE FUNCTION conversation_counts_bump();
--> statement-breakpoint
-- Foreign keys' SET NULL (a user or team deleted) runs an UPDATE of the column: it fires this too.
CREATE TRIGGER conversation_counts_update AFTER UPDATE OF status, assignee_id, team_id, workspace_id ON conversations
  FOR EACH ROW WHEN ((OLD.status <> 'resolved' OR NEW.status <> 'resolved') AND (
    OLD.status IS DISTINCT FROM NEW.status OR OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
    OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id))
  EXECUTE FUNCTION conversation_counts_bump();
--> statement-breakpoint
CREATE TRIGGER conversation_counts_delete AFTER DELETE ON conversations
  FOR EACH ROW WHEN (OLD.status <> 'resolved') EXECUTE FUNCTION conversation_counts_bump();
--> statement-breakpoint
-- Folds the deltas into one row per group (groups that sum to zero go). Safe beside writers and
-- another fold: the DELETE takes only rows its snapshot sees, and rows added meanwhile stay.
-- Returns how many rows it folded.
CREATE OR REPLACE FUNCTION compact_conversation_counts() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM conversation_counts RETURNING workspace_id, status, assignee_id, team_id, n
  ), kept AS (
    INSERT INTO conversation_counts (workspace_id, status, assignee_id, team_id, n)
      SELECT workspace_id, status, assignee_id, team_id, sum(n)::int FROM gone
       GROUP BY workspace_id, status, assignee_id, team_id HAVING sum(n) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone;
$$;
--> statement-breakpoint
INSERT INTO conversation_counts (workspace_id, status, assignee_id, team_id, n)
  SELECT workspace_id, status, assignee_id, team_id, count(*)::int FROM conversations
   WHERE status <> 'resolved' GROUP BY workspace_id, status, assignee_id, team_id;
