import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import type { ConnectionStatus, IntegrationConfig, RequestLogSource } from "@/lib/integrations/schema";
import type { HealthStatus } from "./health";
import { createdAt, id, timestamps } from "./columns";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

export const integrations = pgTable(
  "integrations",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    provider: text("provider").notNull(),
    environment: text("environment").$type<"production" | "sandbox">().notNull(),
    authType: text("auth_type").$type<"none" | "api_key" | "bearer" | "basic" | "oauth2">().notNull(),
    baseUrl: text("base_url").notNull(),
    config: jsonb("config").$type<IntegrationConfig>().notNull().default({}),
    // encryptJson output bound to (tenant, integrations, id, credentials); see INTEGRATION_CREDENTIALS_COLUMN.
    credentials: text("credentials"),
    credentialsHint: text("credentials_hint"),
    status: text("status").$type<"enabled" | "disabled">().notNull().default("enabled"),
    healthStatus: text("health_status").$type<HealthStatus>().notNull().default("UNKNOWN"),
    // Whether the credentials or OAuth grant work, as far as Patchbay last saw; moved only by lib/integrations/connection-status.ts.
    connectionStatus: text("connection_status").$type<ConnectionStatus>().notNull().default("pending"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("integrations_tenant_name_idx").on(t.tenantId, t.name),
    index("integrations_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("integrations_tenant_provider_idx").on(t.tenantId, t.provider),
    check("integrations_environment_check", sql`${t.environment} in ('production', 'sandbox')`),
    check("integrations_auth_type_check", sql`${t.authType} in ('none', 'api_key', 'bearer', 'basic', 'oauth2')`),
    check("integrations_status_check", sql`${t.status} in ('enabled', 'disabled')`),
    check(
      "integrations_connection_status_check",
      sql`${t.connectionStatus} in ('pending', 'connected', 'disconnected', 'error', 'expired')`,
    ),
  ],
);

export type { RequestLogSource };

export const integrationRequestLogs = pgTable(
  "integration_request_logs",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    // Which feature made the call (test connection, later sync, import, connectors) and, when it has one, the run it belongs to.
    source: text("source").$type<RequestLogSource>().notNull().default("test"),
    sourceId: uuid("source_id"),
    // Everything below is stored already redacted: this table is shown to admins as it is.
    method: text("method").notNull(),
    url: text("url").notNull(),
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>().notNull().default({}),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    responseExcerpt: text("response_excerpt"),
    success: boolean("success").notNull(),
    error: text("error"),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("integration_request_logs_tenant_idx").on(t.tenantId),
    index("integration_request_logs_integration_created_idx").on(t.integrationId, t.createdAt),
    index("integration_request_logs_created_idx").on(t.createdAt),
  ],
);

/**
 * Outbound calls per integration, UTC day and source, written in batches from in-memory tallies
 * (lib/integrations/usage.ts): counting a call costs no write of its own and never touches the
 * `integrations` row, which health checks every 30 s would otherwise rewrite for each integration.
 */
export const integrationUsageDaily = pgTable(
  "integration_usage_daily",
  {
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    tenantId: tenantId(),
    day: date("day", { mode: "string" }).notNull(),
    source: text("source").$type<RequestLogSource>().notNull(),
    requests: integer("requests").notNull().default(0),
    failed: integer("failed").notNull().default(0),
  },
  (t) => [
    ...tenantIsolation(t),
    index("integration_usage_daily_tenant_idx").on(t.tenantId),
    primaryKey({ columns: [t.integrationId, t.day, t.source] }),
  ],
);

export const INTEGRATION_CREDENTIALS_COLUMN = encryptedColumn("integrations", "credentials");
export const INTEGRATION_ENCRYPTED_COLUMNS = [INTEGRATION_CREDENTIALS_COLUMN];
