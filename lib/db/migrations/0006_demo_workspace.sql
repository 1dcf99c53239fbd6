ALTER TABLE "workspaces" ADD COLUMN "demo" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Databases seeded before this migration: the demo workspace is the one the seed names.
UPDATE "workspaces" SET "demo" = true WHERE "name" = 'Volo Azzurro' AND EXISTS (SELECT 1 FROM "users" u WHERE u."workspace_id" = "workspaces"."id" AND lower(u."email") = 'admin@voloazzurro.it');
