import { setTimeout as sleep } from "node:timers/promises";
import { redact as redactSecretKeys } from "@/lib/audit";
import { recordHealthCheck } from "@/lib/health/record";
import { sendRequest, type HttpResponse, type Timings } from "@/lib/http/client";
import { HttpError, type HttpErrorKind } from "@/lib/http/http-error";
import { createRedactor, redactHeaders, redactUrl, type Redactor } from "@/lib/http/redact";
import { getProvider } from "@/lib/providers";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { secretsOf } from "./credentials";
import { applyAuth, outboundCredentials } from "./outbound-auth";
import { EXCERPT_CHARS, recordRequest } from "./request-log";
import { statusEndpointOf } from "./status-endpoint";
import { CONFIG_DEFAULTS } from "./schema";
import { mapStatuses, type MappedStatuses } from "./status-mapping";
import { integrations } from "@/db/schema";
import { loadOwned } from "@/lib/tenancy/data";

export type TestConnectionResult = {
  success: boolean;
  status_code: number | null;
  response_time_ms: number | null;
  error: string | null;
  sample_data: unknown;
  mapped_statuses: MappedStatuses | null;
  timings: Timings | null;
  attempts: number;
  retry_after_seconds: number | null;
  request: { method: string; url: string; headers: Record<string, string> } | null;
  response_headers: Record<string, string> | null;
};

const SAMPLE_ITEMS = 3;
const SAMPLE_BYTES = 4096;
const RETRYABLE: HttpErrorKind[] = ["timeout", "network", "refused"];

function statusMessage(status: number, retryAfter: number | null): string | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return "The provider refused the credentials (401). Replace them with a valid key or token.";
  if (status === 403) return "The credentials were accepted but lack permission (403). Check the key's scopes or role.";
  if (status === 404) return "The endpoint was not found (404). Check the base URL and the status endpoint path.";
  if (status === 429) {
    return `The provider is rate limiting these credentials (429).${retryAfter !== null ? ` It asks to wait ${retryAfter} s before retrying.` : " Wait a minute and try again."}`;
  }
  if (status >= 500) return `The provider had an error of its own (${status}). Try again later, or check its status page.`;
  if (status >= 300 && status < 400) return `The endpoint answered with a redirect (${status}). Point the URL at the final address.`;
  return `The provider answered ${status}. Check the endpoint and the request it expects.`;
}

function retryAfterSeconds(res: HttpResponse): number | null {
  const value = res.headers["retry-after"];
  if (!value) return null;
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

function firstItems(value: unknown, depth = 0): unknown {
  if (Array.isArray(value)) return value.slice(0, SAMPLE_ITEMS).map((v) => firstItems(v, depth + 1));
  if (value && typeof value === "object" && depth < 6) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, firstItems(v, depth + 1)]));
  }
  return value;
}

/** The first items of the response, at most 4 KB, with secret-named fields and stored secrets removed. */
function sampleOf(json: unknown, text: string, redact: Redactor): unknown {
  if (json === undefined) return text ? redact(text).slice(0, SAMPLE_BYTES) : null;
  const sample = redact(JSON.stringify(redactSecretKeys(firstItems(json))));
  return sample.length <= SAMPLE_BYTES ? JSON.parse(sample) : { truncated: true, excerpt: sample.slice(0, SAMPLE_BYTES) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const EMPTY: Omit<TestConnectionResult, "error"> = {
  success: false,
  status_code: null,
  response_time_ms: null,
  sample_data: null,
  mapped_statuses: null,
  timings: null,
  attempts: 0,
  retry_after_seconds: null,
  request: null,
  response_headers: null,
};

/**
 * Calls the integration's status endpoint for real, through the guarded client, retrying with
 * backoff on timeouts, dropped connections and 5xx. Every attempt is logged and counted.
 */
export async function testConnection(ctx: TenantContext, id: string): Promise<TestConnectionResult> {
  requireRole(ctx, "admin");
  const row = await loadOwned(integrations, ctx, id);
  const provider = getProvider(row.provider);
  const config = { ...CONFIG_DEFAULTS, ...row.config };
  const endpoint = statusEndpointOf({ provider: row.provider, config });
  if (!endpoint)
    return { ...EMPTY, error: "There is no endpoint to call: set a status endpoint (a path under the base URL) in the settings." };
  if (row.authType !== "none" && !row.credentials) return { ...EMPTY, error: "No credentials are stored yet: add them, then test." };

  const credentials = await outboundCredentials(row);
  const { secrets, basicPairs } = secretsOf(credentials);
  const redact = createRedactor(secrets, basicPairs);
  const auth = applyAuth(row.authType, credentials, provider, new URL(`${row.baseUrl}${endpoint}`));
  const headers = { accept: "application/json", "user-agent": "Patchbay", ...auth.headers };
  const request = {
    method: "GET",
    url: redactUrl(auth.url.toString(), redact, auth.secretParams),
    headers: redactHeaders(headers, redact, auth.secretHeaders),
  };

  let result: TestConnectionResult = { ...EMPTY, error: null };
  let timedOut = false;
  const startedAt = new Date();
  for (let attempt = 1; ; attempt++) {
    const started = performance.now();
    let retryable = false;
    let excerpt: string | null = null;
    try {
      const res = await sendRequest({
        url: auth.url.toString(),
        headers,
        timeoutMs: config.timeout_seconds * 1000,
        credentialHeaders: auth.secretHeaders,
      });
      const text = res.body.toString("utf8");
      const json = parseJson(text);
      const retryAfter = retryAfterSeconds(res);
      excerpt = redact(text).slice(0, EXCERPT_CHARS);
      retryable = res.status >= 500;
      timedOut = false;
      result = {
        success: res.status >= 200 && res.status < 300,
        status_code: res.status,
        response_time_ms: res.timings.totalMs,
        error: statusMessage(res.status, retryAfter),
        sample_data: sampleOf(json, text, redact),
        mapped_statuses: config.status_path && json !== undefined ? mapStatuses(json, config.status_path, config.status_mapping) : null,
        timings: res.timings,
        attempts: attempt,
        retry_after_seconds: retryAfter,
        request,
        response_headers: redactHeaders(res.headers, redact),
      };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      retryable = RETRYABLE.includes(error.kind);
      timedOut = error.kind === "timeout";
      result = {
        ...EMPTY,
        error: redact(error.message),
        attempts: attempt,
        request,
        response_time_ms: Math.round(performance.now() - started),
      };
    }
    await recordRequest({
      tenantId: row.tenantId,
      integrationId: row.id,
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      statusCode: result.status_code,
      durationMs: result.response_time_ms ?? 0,
      responseExcerpt: excerpt,
      success: result.success,
      error: result.error,
    });
    if (!retryable || attempt > config.retry_count) break;
    await sleep(Math.min(250 * 2 ** (attempt - 1), 4_000));
  }
  // A test is also a health check: it lands in the history and moves the status like any other.
  await recordHealthCheck({
    integrationId: row.id,
    tenantId: row.tenantId,
    source: "test",
    outcome: result.success ? "success" : timedOut ? "timeout" : "failure",
    statusCode: result.status_code,
    responseTimeMs: result.response_time_ms,
    error: result.error,
    scheduledAt: startedAt,
    checkedAt: startedAt,
  });
  return result;
}
