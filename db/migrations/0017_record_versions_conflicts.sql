ALTER TABLE "records" ADD COLUMN "remote_versions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "records" ADD COLUMN "conflicts" jsonb DEFAULT '{}'::jsonb NOT NULL;