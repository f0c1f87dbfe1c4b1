CREATE TABLE "health_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"source" text NOT NULL,
	"outcome" text NOT NULL,
	"status_code" integer,
	"response_time_ms" integer,
	"error" text,
	"scheduled_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "health_checks_outcome_check" CHECK ("health_checks"."outcome" in ('success', 'failure', 'timeout'))
);
--> statement-breakpoint
CREATE TABLE "health_rollups_hourly" (
	"integration_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"tenant_id" uuid NOT NULL,
	"checks" integer DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"latency_count" integer DEFAULT 0 NOT NULL,
	"latency_sum_ms" integer DEFAULT 0 NOT NULL,
	"latency_max_ms" integer DEFAULT 0 NOT NULL,
	"latency_buckets" integer[] NOT NULL,
	CONSTRAINT "health_rollups_hourly_integration_id_hour_pk" PRIMARY KEY("integration_id","hour")
);
--> statement-breakpoint
CREATE TABLE "health_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integration_health" (
	"integration_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'UNKNOWN' NOT NULL,
	"next_check_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"consecutive_successes" integer DEFAULT 0 NOT NULL,
	"recent_latencies_ms" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"last_checked_at" timestamp with time zone,
	"last_outcome" text,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"status_changed_at" timestamp with time zone,
	"failures_to_degraded" integer DEFAULT 1 NOT NULL,
	"failures_to_down" integer DEFAULT 3 NOT NULL,
	"successes_to_recover" integer DEFAULT 2 NOT NULL,
	"latency_threshold_ms" integer DEFAULT 2000 NOT NULL,
	CONSTRAINT "integration_health_status_check" CHECK ("integration_health"."status" in ('UNKNOWN', 'HEALTHY', 'DEGRADED', 'DOWN'))
);
--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_rollups_hourly" ADD CONSTRAINT "health_rollups_hourly_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_rollups_hourly" ADD CONSTRAINT "health_rollups_hourly_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_transitions" ADD CONSTRAINT "health_transitions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_transitions" ADD CONSTRAINT "health_transitions_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_health" ADD CONSTRAINT "integration_health_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_health" ADD CONSTRAINT "integration_health_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "health_checks_integration_checked_idx" ON "health_checks" USING btree ("integration_id","checked_at");--> statement-breakpoint
CREATE INDEX "health_checks_checked_idx" ON "health_checks" USING btree ("checked_at");--> statement-breakpoint
CREATE INDEX "health_rollups_hourly_tenant_hour_idx" ON "health_rollups_hourly" USING btree ("tenant_id","hour");--> statement-breakpoint
CREATE INDEX "health_transitions_integration_created_idx" ON "health_transitions" USING btree ("integration_id","created_at");--> statement-breakpoint
CREATE INDEX "health_transitions_tenant_created_idx" ON "health_transitions" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "integration_health_next_check_idx" ON "integration_health" USING btree ("next_check_at");--> statement-breakpoint
CREATE INDEX "integration_health_tenant_idx" ON "integration_health" USING btree ("tenant_id","status");