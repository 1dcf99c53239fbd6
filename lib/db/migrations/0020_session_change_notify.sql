-- Each app process keeps the sessions it has checked for a few seconds (lib/auth/session-cache.ts)
-- instead of reading the session and its user on every request. Whatever could make a kept entry
-- wrong — a session revoked (sign-out) or deleted, a user's role, active flag, workspace, name or
-- email changed, a user deleted — says so on the `sportello_auth` channel with the user's id, from
-- any process or script, and every process drops that user's entries at once. The WHEN clauses
-- keep the triggers free for the frequent updates (last_seen_at, availability).
CREATE OR REPLACE FUNCTION sportello_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'sessions' THEN
    PERFORM pg_notify('sportello_auth', COALESCE(NEW.user_id, OLD.user_id)::text);
  ELSE
    PERFORM pg_notify('sportello_auth', COALESCE(NEW.id, OLD.id)::text);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER UPDATE ON sessions
  FOR EACH ROW WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at OR OLD.expires_at IS DISTINCT FROM NEW.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id)
  EXECUTE FUNCTION sportello_auth_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_deleted AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION sportello_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE ON users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.active IS DISTINCT FROM NEW.active OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION sportello_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_deleted AFTER DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION sportello_auth_changed();
