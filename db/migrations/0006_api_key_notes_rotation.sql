ALTER TABLE "api_keys" ADD COLUMN "notes" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "last_used_ip" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rotation_frequency_days" integer;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "rotation_notified_at" timestamp with time zone;