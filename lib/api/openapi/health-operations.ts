import { healthThresholdsSchema, listHealthChecksSchema, listHealthSchema } from "@/lib/health/schema";
import type { Operation } from "./operations";

const ID = "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
const summary = {
  integration_id: ID,
  name: "Stripe (production)",
  provider: "stripe",
  provider_name: "Stripe",
  enabled: true,
  monitored: true,
  status: "DEGRADED",
  check_interval_seconds: 60,
  status_changed_at: "2026-11-23T08:41:00.000Z",
  next_check_at: "2026-11-23T09:00:30.000Z",
  last_check: { checked_at: "2026-11-23T08:59:31.000Z", outcome: "success" },
  last_error: { message: "The provider answered with an error (503).", at: "2026-11-23T08:41:00.000Z" },
  thresholds: { failures_to_degraded: 1, failures_to_down: 3, successes_to_recover: 2, latency_threshold_ms: 2000 },
  uptime: { "24h": 99.31, "7d": 99.87, "30d": 99.95 },
};
const check = {
  id: "48213",
  source: "schedule",
  outcome: "failure",
  status_code: 503,
  response_time_ms: 212,
  error: "The provider answered with an error (503).",
  scheduled_at: "2026-11-23T08:41:00.000Z",
  checked_at: "2026-11-23T08:41:00.180Z",
  call_id: "5f0c9a1e-7b2d-4c3a-9e8f-1a2b3c4d5e6f",
};
const transition = {
  id: "311",
  integration_id: ID,
  from: "HEALTHY",
  to: "DEGRADED",
  reason: "The check failed: The provider answered with an error (503).",
  at: "2026-11-23T08:41:00.180Z",
};

export const HEALTH_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/integrations/health",
    summary: "Health of every integration",
    description:
      "Worst first (DOWN, DEGRADED, UNKNOWN, HEALTHY): status, uptime over 24 h / 7 d / 30 d, p50/p95 latency over 24 h, last check and last error, and an hourly p95 sparkline for the last day. Figures come from hourly rollups. `monitored: false`: no status endpoint is set (nor known for the provider), so the integration is not checked and stays UNKNOWN.",
    scope: "integrations:read",
    query: listHealthSchema,
    success: {
      status: 200,
      description: "A page of integrations with their health.",
      example: {
        data: [{ ...summary, latency_ms: { p50_ms: 180, p95_ms: 420, max_ms: 1210 }, p95_sparkline_ms: [410, 420, null] }],
        next_cursor: null,
      },
    },
    errors: [401, 403, 422, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/health",
    summary: "Health of an integration",
    description:
      "Status and thresholds, uptime and latency per window, the last checks, the status transitions, and 30 days of hourly figures.",
    scope: "integrations:read",
    success: {
      status: 200,
      description: "The integration's health.",
      example: {
        ...summary,
        latency_ms: { p50: 180, p95: 420 },
        windows: { "24h": { uptime: 99.31, checks: 1440, p50_ms: 180, p95_ms: 420, max_ms: 1210 } },
        recent_checks: [check],
        transitions: [transition],
        hourly: [{ hour: "2026-11-23T08:00:00.000Z", checks: 60, failures: 1, uptime: 98.33, p50_ms: 175, p95_ms: 430, max_ms: 1210 }],
      },
    },
    errors: [401, 403, 404, 429],
  },
  {
    method: "patch",
    path: "/integrations/{id}/health",
    summary: "Change an integration's status rules",
    description:
      "Failures that make it DEGRADED and DOWN, successes that recover it, and the p95 latency (over the last 10 successful checks) above which it is DEGRADED. Fields left out keep their value; the rules apply from the next check.",
    scope: "integrations:write",
    body: { schema: healthThresholdsSchema, example: { failures_to_down: 5, latency_threshold_ms: 1500 } },
    success: {
      status: 200,
      description: "The rules now in force.",
      example: { thresholds: { failures_to_degraded: 1, failures_to_down: 5, successes_to_recover: 2, latency_threshold_ms: 1500 } },
    },
    errors: [400, 401, 403, 404, 422, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/health/checks",
    summary: "Health check history",
    description: "Every check, newest first, kept 30 days: scheduled checks, Check now, and connection tests.",
    scope: "integrations:read",
    query: listHealthChecksSchema,
    success: { status: 200, description: "A page of checks.", example: { data: [check], next_cursor: null } },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "post",
    path: "/integrations/{id}/health/check",
    summary: "Check now",
    description:
      "Runs one health check at once and records it like a scheduled one; answers the outcome and the status it led to. An integration with no status endpoint (`monitored: false`) is not checked: 422 naming `status_endpoint`.",
    scope: "integrations:write",
    success: {
      status: 200,
      description: "The check (also when the provider failed it).",
      example: {
        check: { outcome: "success", status_code: 200, response_time_ms: 184, error: null, checked_at: "2026-11-23T09:00:02.000Z" },
        status: "HEALTHY",
        transition: null,
      },
    },
    errors: [401, 403, 404, 422, 429],
  },
];
