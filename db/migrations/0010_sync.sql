CREATE TABLE "data_mapping_configs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"name" text NOT NULL,
	"config" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"key_fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"template" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text NOT NULL,
	"external_id" text NOT NULL,
	"data" jsonb NOT NULL,
	"hash" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_modified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_action" text NOT NULL,
	"deleted_at" timestamp with time zone,
	"remote_modified_at" timestamp with time zone,
	"last_seen_run_id" uuid,
	"last_run_id" uuid,
	"remote_ids" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"pushed_hashes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "records_source_type_check" CHECK ("records"."source_type" in ('integration', 'import')),
	CONSTRAINT "records_last_action_check" CHECK ("records"."last_action" in ('created', 'updated', 'deleted'))
);
--> statement-breakpoint
CREATE TABLE "sync_run_errors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"external_id" text,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"field_errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"record" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_run_pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"body" text NOT NULL,
	"bytes" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"integration_id" uuid,
	"stream_id" uuid,
	"entity_id" uuid NOT NULL,
	"source_type" text DEFAULT 'integration' NOT NULL,
	"source_id" text NOT NULL,
	"type" text NOT NULL,
	"direction" text DEFAULT 'inbound' NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"status_reason" text,
	"rate_limited_until" timestamp with time zone,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"replay_of" uuid,
	"processed" integer DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"failed" integer DEFAULT 0 NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"bytes" bigint DEFAULT 0 NOT NULL,
	"checkpoint" jsonb,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_runs_type_check" CHECK ("sync_runs"."type" in ('full', 'incremental', 'push', 'pull', 'real_time')),
	CONSTRAINT "sync_runs_trigger_check" CHECK ("sync_runs"."trigger" in ('schedule', 'manual', 'webhook', 'sse', 'import', 'replay')),
	CONSTRAINT "sync_runs_status_check" CHECK ("sync_runs"."status" in ('queued', 'running', 'completed', 'partial', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "sync_streams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"entity_id" uuid NOT NULL,
	"mapping_id" uuid NOT NULL,
	"name" text NOT NULL,
	"direction" text DEFAULT 'inbound' NOT NULL,
	"mode" text DEFAULT 'full' NOT NULL,
	"update_method" text DEFAULT 'polling' NOT NULL,
	"interval_seconds" integer DEFAULT 300 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"source" jsonb NOT NULL,
	"webhook_action" text DEFAULT 'run' NOT NULL,
	"conflict_rule" text DEFAULT 'remote_wins' NOT NULL,
	"next_run_at" timestamp with time zone,
	"last_run_id" uuid,
	"checkpoint" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_streams_direction_check" CHECK ("sync_streams"."direction" in ('inbound', 'outbound', 'bidirectional')),
	CONSTRAINT "sync_streams_mode_check" CHECK ("sync_streams"."mode" in ('full', 'incremental')),
	CONSTRAINT "sync_streams_update_method_check" CHECK ("sync_streams"."update_method" in ('polling', 'sse', 'webhook')),
	CONSTRAINT "sync_streams_webhook_action_check" CHECK ("sync_streams"."webhook_action" in ('apply', 'run')),
	CONSTRAINT "sync_streams_conflict_rule_check" CHECK ("sync_streams"."conflict_rule" in ('remote_wins', 'patchbay_wins', 'newest_wins'))
);
--> statement-breakpoint
ALTER TABLE "data_mapping_configs" ADD CONSTRAINT "data_mapping_configs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_mapping_configs" ADD CONSTRAINT "data_mapping_configs_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "records" ADD CONSTRAINT "records_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ADD CONSTRAINT "sync_run_errors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ADD CONSTRAINT "sync_run_errors_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_pages" ADD CONSTRAINT "sync_run_pages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_pages" ADD CONSTRAINT "sync_run_pages_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_stream_id_sync_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."sync_streams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_streams" ADD CONSTRAINT "sync_streams_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_streams" ADD CONSTRAINT "sync_streams_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_streams" ADD CONSTRAINT "sync_streams_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_streams" ADD CONSTRAINT "sync_streams_mapping_id_data_mapping_configs_id_fk" FOREIGN KEY ("mapping_id") REFERENCES "public"."data_mapping_configs"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_mapping_configs_tenant_entity_idx" ON "data_mapping_configs" USING btree ("tenant_id","entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "entities_tenant_key_idx" ON "entities" USING btree ("tenant_id","key");--> statement-breakpoint
CREATE INDEX "entities_tenant_created_idx" ON "entities" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "records_tenant_entity_source_external_idx" ON "records" USING btree ("tenant_id","entity_id","source_type","source_id","external_id");--> statement-breakpoint
CREATE INDEX "records_tenant_entity_modified_idx" ON "records" USING btree ("tenant_id","entity_id","last_modified_at","id");--> statement-breakpoint
CREATE INDEX "sync_run_errors_tenant_run_idx" ON "sync_run_errors" USING btree ("tenant_id","run_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_run_pages_tenant_run_seq_idx" ON "sync_run_pages" USING btree ("tenant_id","run_id","seq");--> statement-breakpoint
CREATE INDEX "sync_runs_tenant_integration_created_idx" ON "sync_runs" USING btree ("tenant_id","integration_id","created_at");--> statement-breakpoint
CREATE INDEX "sync_runs_tenant_stream_created_idx" ON "sync_runs" USING btree ("tenant_id","stream_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active_per_stream_idx" ON "sync_runs" USING btree ("stream_id") WHERE status in ('queued', 'running') and stream_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "sync_streams_tenant_integration_name_idx" ON "sync_streams" USING btree ("tenant_id","integration_id","name");--> statement-breakpoint
CREATE INDEX "sync_streams_due_idx" ON "sync_streams" USING btree ("next_run_at") WHERE enabled and update_method = 'polling';