import { randomUUID } from "node:crypto";
import { db } from "@/db/client";
import { redact as redactSecretKeys } from "@/lib/audit";
import { recordHealthCheck } from "@/lib/health/record";
import type { Timings } from "@/lib/http/client";
import { redactDeep, redactHeaders } from "@/lib/http/redact";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { callIntegration, problemText } from "./call";
import { recordConnectionEvent } from "./connection-status";
import { statusEndpointOf } from "./status-endpoint";
import { CONFIG_DEFAULTS } from "./schema";
import { mapStatuses, STATUS_VALUES_SHOWN, type MappedStatuses, type StatusValue } from "./status-mapping";
import { statusValuesAt } from "@/lib/mapping/status-values";
import { integrations } from "@/db/schema";
import { loadOwned } from "@/lib/tenancy/data";

export type TestConnectionResult = {
  success: boolean;
  status_code: number | null;
  response_time_ms: number | null;
  error: string | null;
  sample_data: unknown;
  mapped_statuses: MappedStatuses | null;
  /** The distinct values found at the status path (at most STATUS_VALUES_SHOWN), so the status mapping can be previewed as it is edited. */
  status_values: StatusValue[] | null;
  timings: Timings | null;
  attempts: number;
  retry_after_seconds: number | null;
  request: { method: string; url: string; headers: Record<string, string> } | null;
  response_headers: Record<string, string> | null;
};

const SAMPLE_ITEMS = 3;
const SAMPLE_BYTES = 4096;

function firstItems(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.slice(0, SAMPLE_ITEMS).map((v) => firstItems(v, depth + 1));
  if (value && typeof value === "object" && depth < 6) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, firstItems(v, depth + 1)]));
  }
  return value;
}

/** The first items of the response, with secret-named fields blanked. */
function sampleOf(json: unknown, text: string): unknown {
  if (json === undefined) return text || null;
  return redactSecretKeys(firstItems(json));
}

/** At most 4 KB, cut only once redacted, so no cut lands inside a secret and leaves part of it. */
function capSample(sample: unknown): unknown {
  if (typeof sample === "string") return sample.slice(0, SAMPLE_BYTES);
  const text = JSON.stringify(sample);
  return text.length <= SAMPLE_BYTES ? sample : { truncated: true, excerpt: text.slice(0, SAMPLE_BYTES) };
}

const EMPTY: Omit<TestConnectionResult, "error"> = {
  success: false,
  status_code: null,
  response_time_ms: null,
  sample_data: null,
  mapped_statuses: null,
  status_values: null,
  timings: null,
  attempts: 0,
  retry_after_seconds: null,
  request: null,
  response_headers: null,
};

/**
 * Calls the integration's status endpoint for real, through the integration client, retrying with
 * backoff on timeouts, dropped connections and 5xx. Every attempt is logged and counted.
 */
export async function testConnection(ctx: TenantContext, id: string): Promise<TestConnectionResult> {
  requireRole(ctx, "admin");
  const row = await loadOwned(integrations, ctx, id);
  const config = { ...CONFIG_DEFAULTS, ...row.config };
  const endpoint = statusEndpointOf({ provider: row.provider, config });
  if (!endpoint)
    return { ...EMPTY, error: "There is no endpoint to call: set a status endpoint (a path under the base URL) in the settings." };
  if (row.authType !== "none" && !row.credentials) return { ...EMPTY, error: "No credentials are stored yet: add them, then test." };

  const startedAt = new Date();
  const callId = randomUUID();
  const call = await callIntegration(row, {
    path: endpoint,
    timeoutMs: config.timeout_seconds * 1000,
    retries: config.retry_count,
    source: "test",
    sourceId: callId,
    log: "all",
  });
  const res = call.response;
  const mappable = call.ok && Boolean(config.status_path) && call.json !== undefined;
  const built: TestConnectionResult = res
    ? {
        success: call.ok,
        status_code: res.status,
        response_time_ms: call.durationMs,
        error: problemText(call.problem),
        sample_data: sampleOf(call.json, call.text ?? ""),
        // An error body (a 401's {"error": …}) holds no statuses: mapping it would only mislead.
        mapped_statuses: mappable ? mapStatuses(call.json, config.status_path!, config.status_mapping) : null,
        status_values: mappable ? statusValuesAt(call.json, config.status_path!, STATUS_VALUES_SHOWN) : null,
        timings: res.timings,
        attempts: call.attempts,
        retry_after_seconds: call.retryAfterSeconds,
        request: call.request,
        response_headers: redactHeaders(res.headers, call.redact),
      }
    : { ...EMPTY, error: problemText(call.problem), attempts: call.attempts, request: call.request, response_time_ms: call.durationMs };
  // The one redaction step: everything above that came from the provider, in whatever field it landed.
  const redacted = redactDeep(built, call.redact);
  const result = { ...redacted, sample_data: capSample(redacted.sample_data) };
  await recordConnectionEvent(db(), row.id, { kind: "test", success: result.success });
  // A test is also a health check: it lands in the history and moves the status like any other.
  await recordHealthCheck({
    integrationId: row.id,
    tenantId: row.tenantId,
    source: "test",
    outcome: result.success ? "success" : call.error?.kind === "timeout" ? "timeout" : "failure",
    statusCode: result.status_code,
    responseTimeMs: result.response_time_ms,
    error: result.error,
    scheduledAt: startedAt,
    checkedAt: startedAt,
    callId,
  });
  return result;
}
