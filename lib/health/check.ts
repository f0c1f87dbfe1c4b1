import type { CheckOutcome, CheckSource } from "@/db/schema/health";
import type { IntegrationConfig } from "@/lib/integrations/schema";
import { CONFIG_DEFAULTS } from "@/lib/integrations/schema";
import { AppError, invalid } from "@/lib/errors";
import { secretsOf } from "@/lib/integrations/credentials";
import { applyAuth, outboundCredentials } from "@/lib/integrations/outbound-auth";
import type { Credentials } from "@/lib/integrations/schema";
import { sendRequest } from "@/lib/http/client";
import { HttpError } from "@/lib/http/http-error";
import { createRedactor } from "@/lib/http/redact";
import { statusEndpointOf } from "@/lib/integrations/status-endpoint";
import { getProvider, type AuthType } from "@/lib/providers";

/** What a check needs to know about an integration; the credentials still sealed. */
export type CheckTarget = {
  integrationId: string;
  tenantId: string;
  provider: string;
  authType: AuthType;
  baseUrl: string;
  config: IntegrationConfig;
  credentials: string | null;
};

export type CheckResult = {
  integrationId: string;
  tenantId: string;
  source: CheckSource;
  outcome: CheckOutcome;
  statusCode: number | null;
  responseTimeMs: number | null;
  error: string | null;
  scheduledAt: Date;
  checkedAt: Date;
};

const ERROR_CHARS = 500;

export function intervalSecondsOf(config: IntegrationConfig): number {
  return config.polling_interval_seconds ?? CONFIG_DEFAULTS.polling_interval_seconds;
}

function statusError(status: number): string {
  if (status === 401 || status === 403) return `The provider refused the credentials (${status}).`;
  if (status === 404) return "The status endpoint was not found (404).";
  if (status === 429) return "The provider is rate limiting these credentials (429).";
  if (status >= 500) return `The provider answered with an error (${status}).`;
  return `The provider answered ${status}.`;
}

export const NOT_MONITORED = "Not monitored: there is no status endpoint to check. Set one in the settings.";

/**
 * Calls the integration's status endpoint once through the guarded client, with its auth.
 * No retries: one failure is already only DEGRADED, and DOWN takes several in a row.
 */
export async function runCheck(target: CheckTarget, source: CheckSource, scheduledAt: Date): Promise<CheckResult> {
  const checkedAt = new Date();
  const base = { integrationId: target.integrationId, tenantId: target.tenantId, source, scheduledAt, checkedAt };
  const fail = (error: string): CheckResult => ({ ...base, outcome: "failure", statusCode: null, responseTimeMs: null, error });
  const provider = getProvider(target.provider);
  const endpoint = statusEndpointOf(target);
  if (!endpoint)
    throw invalid(NOT_MONITORED, { status_endpoint: "Set a status endpoint (a path under the base URL) to monitor this integration." });
  if (target.authType !== "none" && target.authType !== "oauth2" && !target.credentials)
    return fail("No credentials are stored: add them.");

  let credentials: Credentials;
  try {
    credentials = await outboundCredentials({
      id: target.integrationId,
      tenantId: target.tenantId,
      authType: target.authType,
      credentials: target.credentials,
    });
  } catch (error) {
    // No usable OAuth token (not connected, expired, refresh cooling down) is the integration's failure, not the checker's.
    if (error instanceof AppError && error.code === "failed_dependency") return fail(error.message);
    throw error;
  }
  const { secrets, basicPairs } = secretsOf(credentials);
  const redact = createRedactor(secrets, basicPairs);
  const auth = applyAuth(target.authType, credentials, provider, new URL(`${target.baseUrl}${endpoint}`));
  const timeoutMs = (target.config.timeout_seconds ?? CONFIG_DEFAULTS.timeout_seconds) * 1000;
  const started = performance.now();
  try {
    const res = await sendRequest({
      url: auth.url.toString(),
      headers: { accept: "application/json", "user-agent": "Patchbay health check", ...auth.headers },
      timeoutMs,
      credentialHeaders: auth.secretHeaders,
    });
    const ok = res.status >= 200 && res.status < 300;
    return {
      ...base,
      outcome: ok ? "success" : "failure",
      statusCode: res.status,
      responseTimeMs: res.timings.totalMs,
      error: ok ? null : statusError(res.status),
    };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return {
      ...base,
      outcome: error.kind === "timeout" ? "timeout" : "failure",
      statusCode: null,
      responseTimeMs: Math.round(performance.now() - started),
      error: redact(error.message).slice(0, ERROR_CHARS),
    };
  }
}
