ALTER TABLE "integration_request_logs" ADD COLUMN "source" text DEFAULT 'test' NOT NULL;--> statement-breakpoint
ALTER TABLE "integration_request_logs" ADD COLUMN "source_id" uuid;