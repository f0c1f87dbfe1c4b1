CREATE TABLE "integration_usage_daily" (
	"integration_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"source" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "integration_usage_daily_integration_id_day_source_pk" PRIMARY KEY("integration_id","day","source")
);
--> statement-breakpoint
ALTER TABLE "health_checks" ADD COLUMN "call_id" uuid;--> statement-breakpoint
ALTER TABLE "integration_usage_daily" ADD CONSTRAINT "integration_usage_daily_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_usage_daily" ADD CONSTRAINT "integration_usage_daily_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-written: the connection-test counts the dropped columns held carry over as today's test usage.
INSERT INTO "integration_usage_daily" ("integration_id", "tenant_id", "day", "source", "requests", "failed")
SELECT "id", "tenant_id", current_date, 'test', "total_requests", "failed_requests" FROM "integrations" WHERE "total_requests" > 0;--> statement-breakpoint
ALTER TABLE "integrations" DROP COLUMN "total_requests";--> statement-breakpoint
ALTER TABLE "integrations" DROP COLUMN "failed_requests";