ALTER TABLE "channels" ADD COLUMN "quality_rating" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "profile_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "alert" jsonb;