CREATE TABLE "payment_totals" (
	"workspace_id" uuid NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"n" integer NOT NULL,
	"amount_total" bigint NOT NULL,
	"amount_captured" bigint NOT NULL,
	"amount_refunded" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "payment_totals_workspace_idx" ON "payment_totals" USING btree ("workspace_id");--> statement-breakpoint
-- The payments list's totals without a date, agent or conversation filter (lib/payments/queries.ts)
-- read these few rows instead of aggregating every request of the workspace: at 1M conversations
-- that was tens of thousands of rows per first page. −old and +new on every change that moves a
-- total (the WHEN clause keeps the trigger off the other updates: pay token, checkout URL, …).
CREATE OR REPLACE FUNCTION payment_totals_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO payment_totals (workspace_id, status, currency, n, amount_total, amount_captured, amount_refunded)
      VALUES (OLD.workspace_id, OLD.status, OLD.currency, -1, -OLD.amount_total, -OLD.amount_captured, -OLD.amount_refunded);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO payment_totals (workspace_id, status, currency, n, amount_total, amount_captured, amount_refunded)
      VALUES (NEW.workspace_id, NEW.status, NEW.currency, 1, NEW.amount_total, NEW.amount_captured, NEW.amount_refunded);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER payment_totals_insert AFTER INSERT ON payment_requests
  FOR EACH ROW EXECUTE FUNCTION payment_totals_bump();
--> statement-breakpoint
CREATE TRIGGER payment_totals_update AFTER UPDATE ON payment_requests
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.currency IS DISTINCT FROM NEW.currency
    OR OLD.amount_total IS DISTINCT FROM NEW.amount_total OR OLD.amount_captured IS DISTINCT FROM NEW.amount_captured
    OR OLD.amount_refunded IS DISTINCT FROM NEW.amount_refunded OR OLD.workspace_id IS DISTINCT FROM NEW.workspace_id)
  EXECUTE FUNCTION payment_totals_bump();
--> statement-breakpoint
CREATE TRIGGER payment_totals_delete AFTER DELETE ON payment_requests
  FOR EACH ROW EXECUTE FUNCTION payment_totals_bump();
--> statement-breakpoint
-- Folds the deltas into one row per group (groups with no request left go). Safe beside writers
-- and another fold: the DELETE takes only the rows its snapshot sees. Returns how many it folded.
CREATE OR REPLACE FUNCTION compact_payment_totals() RETURNS integer LANGUAGE sql AS $$
  WITH gone AS (
    DELETE FROM payment_totals RETURNING workspace_id, status, currency, n, amount_total, amount_captured, amount_refunded
  ), kept AS (
    INSERT INTO payment_totals (workspace_id, status, currency, n, amount_total, amount_captured, amount_refunded)
      SELECT workspace_id, status, currency, sum(n)::int, sum(amount_total), sum(amount_captured), sum(amount_refunded) FROM gone
       GROUP BY workspace_id, status, currency HAVING sum(n) <> 0
    RETURNING 1
  )
  SELECT count(*)::int FROM gone;
$$;
--> statement-breakpoint
INSERT INTO payment_totals (workspace_id, status, currency, n, amount_total, amount_captured, amount_refunded)
  SELECT workspace_id, status, currency, count(*)::int, sum(amount_total), sum(amount_captured), sum(amount_refunded)
    FROM payment_requests GROUP BY workspace_id, status, currency;
