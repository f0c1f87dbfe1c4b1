ALTER TABLE "memberships" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "idempotency_records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_request_logs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_usage_daily" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integrations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_connections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_refresh_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_states" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_checks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_rollups_hourly" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_transitions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_health" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "received_webhook_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_receivers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_assertions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_break_glass" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_connections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_flows" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_identities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_attempts" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_channels" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_incidents" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_notifications" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification_reads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "export_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_jobs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_mappings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "data_mapping_configs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "entities" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_run_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_run_pages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_runs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_streams" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_client_scope_usage" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_clients" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_server_grants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_server_tokens" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "integration_request_logs_tenant_idx" ON "integration_request_logs" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "integration_usage_daily_tenant_idx" ON "integration_usage_daily" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "oauth_connections_tenant_idx" ON "oauth_connections" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "oauth_refresh_events_tenant_idx" ON "oauth_refresh_events" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "oauth_states_tenant_idx" ON "oauth_states" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "health_checks_tenant_idx" ON "health_checks" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "received_webhook_events_tenant_idx" ON "received_webhook_events" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "webhook_attempts_tenant_idx" ON "webhook_attempts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_tenant_idx" ON "webhook_deliveries" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "webhook_messages_tenant_idx" ON "webhook_messages" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "webhook_receivers_tenant_idx" ON "webhook_receivers" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "alert_attempts_tenant_idx" ON "alert_attempts" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "import_errors_tenant_idx" ON "import_errors" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "oauth_client_scope_usage_tenant_idx" ON "oauth_client_scope_usage" USING btree ("tenant_id");--> statement-breakpoint
CREATE INDEX "oauth_server_tokens_tenant_idx" ON "oauth_server_tokens" USING btree ("tenant_id");--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "memberships" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("memberships"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("memberships"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "memberships" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "api_keys" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("api_keys"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("api_keys"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "api_keys" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "audit_events" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("audit_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("audit_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "audit_events" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "outbox_events" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("outbox_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("outbox_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "outbox_events" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "idempotency_records" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("idempotency_records"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("idempotency_records"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "idempotency_records" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "integration_request_logs" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("integration_request_logs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("integration_request_logs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "integration_request_logs" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "integration_usage_daily" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("integration_usage_daily"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("integration_usage_daily"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "integration_usage_daily" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "integrations" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("integrations"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("integrations"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "integrations" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_connections" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_connections"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_connections"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_connections" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_refresh_events" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_refresh_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_refresh_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_refresh_events" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_states" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_states"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_states"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_states" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "health_checks" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("health_checks"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("health_checks"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "health_checks" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "health_rollups_hourly" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("health_rollups_hourly"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("health_rollups_hourly"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "health_rollups_hourly" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "health_transitions" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("health_transitions"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("health_transitions"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "health_transitions" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "integration_health" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("integration_health"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("integration_health"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "integration_health" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "received_webhook_events" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("received_webhook_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("received_webhook_events"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "received_webhook_events" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webhook_attempts" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("webhook_attempts"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("webhook_attempts"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "webhook_attempts" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webhook_deliveries" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("webhook_deliveries"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("webhook_deliveries"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "webhook_deliveries" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("webhook_endpoints"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("webhook_endpoints"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "webhook_endpoints" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webhook_messages" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("webhook_messages"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("webhook_messages"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "webhook_messages" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "webhook_receivers" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("webhook_receivers"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("webhook_receivers"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "webhook_receivers" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_assertions" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_assertions"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_assertions"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_assertions" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_break_glass" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_break_glass"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_break_glass"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_break_glass" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_connections" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_connections"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_connections"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_connections" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_domains" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_domains"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_domains"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_domains" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_flows" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_flows"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_flows"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_flows" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sso_identities" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sso_identities"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sso_identities"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sso_identities" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_attempts" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("alert_attempts"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("alert_attempts"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "alert_attempts" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_channels" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("alert_channels"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("alert_channels"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "alert_channels" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_incidents" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("alert_incidents"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("alert_incidents"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "alert_incidents" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_notifications" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("alert_notifications"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("alert_notifications"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "alert_notifications" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "alert_settings" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("alert_settings"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("alert_settings"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "alert_settings" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "notification_reads" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("notification_reads"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("notification_reads"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "notification_reads" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "export_jobs" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("export_jobs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("export_jobs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "export_jobs" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "file_chunks" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("file_chunks"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("file_chunks"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "file_chunks" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "import_errors" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("import_errors"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("import_errors"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "import_errors" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "import_jobs" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("import_jobs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("import_jobs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "import_jobs" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "import_mappings" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("import_mappings"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("import_mappings"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "import_mappings" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "data_mapping_configs" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("data_mapping_configs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("data_mapping_configs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "data_mapping_configs" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "entities" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("entities"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("entities"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "entities" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "records" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("records"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("records"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "records" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sync_run_errors" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sync_run_errors"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sync_run_errors"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sync_run_errors" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sync_run_pages" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sync_run_pages"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sync_run_pages"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sync_run_pages" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sync_runs" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sync_runs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sync_runs"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sync_runs" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "sync_streams" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("sync_streams"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("sync_streams"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "sync_streams" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_client_scope_usage" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_client_scope_usage"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_client_scope_usage"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_client_scope_usage" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_clients" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_clients"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_clients"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_clients" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_server_grants" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_server_grants"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_server_grants"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_server_grants" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tenant_isolation" ON "oauth_server_tokens" AS PERMISSIVE FOR ALL TO "patchbay_app" USING ("oauth_server_tokens"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid)) WITH CHECK ("oauth_server_tokens"."tenant_id" = (select nullif(current_setting('app.tenant_id', true), '')::uuid));--> statement-breakpoint
CREATE POLICY "system_work" ON "oauth_server_tokens" AS PERMISSIVE FOR ALL TO "patchbay_system" USING (true) WITH CHECK (true);--> statement-breakpoint
-- drizzle-kit enables row-level security but cannot force it; forced, it binds the tables' owner too.
ALTER TABLE "memberships" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "audit_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "outbox_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "idempotency_records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_request_logs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_usage_daily" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integrations" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_connections" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_refresh_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_states" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_checks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_rollups_hourly" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "health_transitions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "integration_health" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "received_webhook_events" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_attempts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_messages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "webhook_receivers" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_assertions" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_break_glass" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_connections" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_domains" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_flows" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sso_identities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_attempts" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_channels" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_incidents" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_notifications" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "alert_settings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "notification_reads" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "export_jobs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "file_chunks" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_errors" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_jobs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "import_mappings" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "data_mapping_configs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "entities" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "records" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_run_errors" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_run_pages" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_runs" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "sync_streams" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_client_scope_usage" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_clients" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_server_grants" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "oauth_server_tokens" FORCE ROW LEVEL SECURITY;
