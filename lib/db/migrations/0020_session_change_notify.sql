-- Each app process keeps the sessions it has checked for a few seconds (lib/auth/session-cache.ts)
-- instead of reading the session and its user on every request. Whatever could make a kept entry
-- wrong — a session revoked (sign-out) or deleted, a user's role, active flag, workspace, name or
-- email changed, a user deleted — says so on the `sportello_auth` channel with the user's id (or
-- '*' after a TRUNCATE), from any process or script, and every process drops those entries. The WHEN clauses
-- keep the triggers free for the frequent updates (last_seen_at, availability).
CREATE OR REPLACE FUNCTION sportello_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('sportello_auth', '*');
  ELSIF TG_TABLE_NAME = 'sessions' THEN
    IF TG_OP <> 'INSERT' THEN PERFORM pg_notify('sportello_auth', OLD.user_id::text); END IF;
    IF TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id THEN PERFORM pg_notify('sportello_auth', NEW.user_id::text); END IF;
  ELSE
    PERFORM pg_notify('sportello_auth', OLD.id::text);
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
--> statement-breakpoint
-- TRUNCATE fires no row trigger: every process forgets everything ('*').
CREATE TRIGGER sessions_auth_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION sportello_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION sportello_auth_changed();
