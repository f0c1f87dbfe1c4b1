import { randomUUID } from "node:crypto";
import type { CheckOutcome, CheckSource } from "@/db/schema/health";
import type { IntegrationConfig } from "@/lib/integrations/schema";
import { CONFIG_DEFAULTS } from "@/lib/integrations/schema";
import { AppError, invalid } from "@/lib/errors";
import { callIntegration, type CallResult } from "@/lib/integrations/call";
import { redactDeep } from "@/lib/http/redact";
import { statusEndpointOf } from "@/lib/integrations/status-endpoint";
import type { AuthType } from "@/lib/providers";

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
  /** The source_id of the check's calls in the request log, when it made any. */
  callId?: string | null;
};

const ERROR_CHARS = 500;

export function intervalSecondsOf(config: IntegrationConfig): number {
  return config.polling_interval_seconds ?? CONFIG_DEFAULTS.polling_interval_seconds;
}

export const NOT_MONITORED = "Not monitored: there is no status endpoint to check. Set one in the settings.";

/**
 * The integration's retry_count, but no more attempts than fit, at the timeout each, before the
 * next check is due: a check must not overlap the one after it.
 */
export function checkRetries(config: IntegrationConfig): number {
  const timeout = config.timeout_seconds ?? CONFIG_DEFAULTS.timeout_seconds;
  const fit = Math.max(0, Math.floor(intervalSecondsOf(config) / timeout) - 1);
  return Math.min(config.retry_count ?? CONFIG_DEFAULTS.retry_count, fit);
}

/**
 * Calls the integration's status endpoint through the integration client, with its auth,
 * retrying as its retry_count says. Failed attempts go to the request log under the check's
 * call id; successes only as a sample, since every integration is checked every 30 s.
 */
export async function runCheck(target: CheckTarget, source: CheckSource, scheduledAt: Date): Promise<CheckResult> {
  const checkedAt = new Date();
  const callId = randomUUID();
  const base = { integrationId: target.integrationId, tenantId: target.tenantId, source, scheduledAt, checkedAt, callId };
  const fail = (error: string): CheckResult => ({ ...base, outcome: "failure", statusCode: null, responseTimeMs: null, error });
  const endpoint = statusEndpointOf(target);
  if (!endpoint)
    throw invalid(NOT_MONITORED, { status_endpoint: "Set a status endpoint (a path under the base URL) to monitor this integration." });
  if (target.authType !== "none" && target.authType !== "oauth2" && !target.credentials)
    return fail("No credentials are stored: add them.");

  let call: CallResult;
  try {
    call = await callIntegration(
      {
        id: target.integrationId,
        tenantId: target.tenantId,
        provider: target.provider,
        authType: target.authType,
        baseUrl: target.baseUrl,
        credentials: target.credentials,
      },
      {
        path: endpoint,
        timeoutMs: (target.config.timeout_seconds ?? CONFIG_DEFAULTS.timeout_seconds) * 1000,
        retries: checkRetries(target.config),
        userAgent: "Patchbay health check",
        source: "health",
        sourceId: callId,
        log: "sampled",
      },
    );
  } catch (error) {
    // No usable OAuth token (not connected, expired, refresh cooling down) is the integration's failure, not the checker's.
    if (error instanceof AppError && error.code === "failed_dependency") return fail(error.message);
    throw error;
  }
  const result: CheckResult = {
    ...base,
    outcome: call.ok ? "success" : call.error?.kind === "timeout" ? "timeout" : "failure",
    statusCode: call.response?.status ?? null,
    responseTimeMs: call.durationMs,
    error: call.problem?.summary ?? null,
  };
  const redacted = redactDeep(result, call.redact);
  return { ...redacted, error: redacted.error?.slice(0, ERROR_CHARS) ?? null };
}
