ALTER TABLE "webhook_attempts" ADD COLUMN "request_headers" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "http_method" text DEFAULT 'POST' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "auth_type" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "auth_credentials" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "auth_hint" text;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "retry_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "max_retries" integer;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD COLUMN "retry_first_delay_seconds" integer;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_http_method_check" CHECK ("webhook_endpoints"."http_method" in ('POST', 'PUT'));--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_auth_type_check" CHECK ("webhook_endpoints"."auth_type" in ('none', 'basic', 'bearer', 'hmac'));