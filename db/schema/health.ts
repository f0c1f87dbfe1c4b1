import { bigserial, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt } from "./columns";
import { integrations } from "./integrations";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

export const HEALTH_STATUSES = ["UNKNOWN", "HEALTHY", "DEGRADED", "DOWN"] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
export const CHECK_OUTCOMES = ["success", "failure", "timeout"] as const;
export type CheckOutcome = (typeof CHECK_OUTCOMES)[number];
export const CHECK_SOURCES = ["schedule", "manual", "test"] as const;
export type CheckSource = (typeof CHECK_SOURCES)[number];

/**
 * Per-integration scheduling and state-machine memory. `next_check_at` is what the scheduler
 * claims on; the counters and the recent latencies are what the status rules read.
 */
export const integrationHealth = pgTable(
  "integration_health",
  {
    integrationId: uuid("integration_id")
      .primaryKey()
      .references(() => integrations.id, { onDelete: "cascade" }),
    tenantId: tenantId(),
    status: text("status").$type<HealthStatus>().notNull().default("UNKNOWN"),
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }).notNull().defaultNow(),
    // When the check last claimed was due; the claim moves next_check_at on and keeps this for the lag.
    dueAt: timestamp("due_at", { withTimezone: true }),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    consecutiveSuccesses: integer("consecutive_successes").notNull().default(0),
    // Response times of the last successful checks, newest last, for the latency rule.
    recentLatenciesMs: integer("recent_latencies_ms")
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastOutcome: text("last_outcome").$type<CheckOutcome>(),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at", { withTimezone: true }),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    failuresToDegraded: integer("failures_to_degraded").notNull().default(1),
    failuresToDown: integer("failures_to_down").notNull().default(3),
    successesToRecover: integer("successes_to_recover").notNull().default(2),
    latencyThresholdMs: integer("latency_threshold_ms").notNull().default(2000),
  },
  (t) => [
    ...tenantIsolation(t),
    index("integration_health_next_check_idx").on(t.nextCheckAt),
    index("integration_health_tenant_idx").on(t.tenantId, t.status),
    check("integration_health_status_check", sql`${t.status} in ('UNKNOWN', 'HEALTHY', 'DEGRADED', 'DOWN')`),
  ],
);

/** Every check as it happened (redacted error text); kept 30 days, charts read the rollups. */
export const healthChecks = pgTable(
  "health_checks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    source: text("source").$type<CheckSource>().notNull(),
    outcome: text("outcome").$type<CheckOutcome>().notNull(),
    statusCode: integer("status_code"),
    responseTimeMs: integer("response_time_ms"),
    error: text("error"),
    // When the check was due and when it started: the difference is the scheduler's lag.
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }).notNull(),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull(),
    // The check's calls in the request log carry this as their source_id (failures, and sampled successes).
    callId: uuid("call_id"),
  },
  (t) => [
    ...tenantIsolation(t),
    index("health_checks_tenant_idx").on(t.tenantId),
    index("health_checks_integration_checked_idx").on(t.integrationId, t.checkedAt),
    index("health_checks_checked_idx").on(t.checkedAt),
    check("health_checks_outcome_check", sql`${t.outcome} in ('success', 'failure', 'timeout')`),
  ],
);

/**
 * One row per integration and hour, updated as checks land. Latencies are kept as a
 * histogram over fixed buckets (lib/health/histogram.ts) so any window's p50/p95 is a merge
 * of hourly rows, never a scan of raw checks. Kept a year.
 */
export const healthRollupsHourly = pgTable(
  "health_rollups_hourly",
  {
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    tenantId: tenantId(),
    checks: integer("checks").notNull().default(0),
    failures: integer("failures").notNull().default(0),
    latencyCount: integer("latency_count").notNull().default(0),
    latencySumMs: integer("latency_sum_ms").notNull().default(0),
    latencyMaxMs: integer("latency_max_ms").notNull().default(0),
    latencyBuckets: integer("latency_buckets").array().notNull(),
  },
  (t) => [
    ...tenantIsolation(t),
    primaryKey({ columns: [t.integrationId, t.hour] }),
    index("health_rollups_hourly_tenant_hour_idx").on(t.tenantId, t.hour),
  ],
);

export const healthTransitions = pgTable(
  "health_transitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    fromStatus: text("from_status").$type<HealthStatus>().notNull(),
    toStatus: text("to_status").$type<HealthStatus>().notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("health_transitions_integration_created_idx").on(t.integrationId, t.createdAt),
    index("health_transitions_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);
