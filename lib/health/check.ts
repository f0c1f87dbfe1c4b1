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
};

const ERROR_CHARS = 500;

export function intervalSecondsOf(config: IntegrationConfig): number {
  return config.polling_interval_seconds ?? CONFIG_DEFAULTS.polling_interval_seconds;
}

export const NOT_MONITORED = "Not monitored: there is no status endpoint to check. Set one in the settings.";

/**
 * Calls the integration's status endpoint once through the integration client, with its auth.
 * No retries: one failure is already only DEGRADED, and DOWN takes several in a row.
 */
export async function runCheck(target: CheckTarget, source: CheckSource, scheduledAt: Date): Promise<CheckResult> {
  const checkedAt = new Date();
  const base = { integrationId: target.integrationId, tenantId: target.tenantId, source, scheduledAt, checkedAt };
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
        userAgent: "Patchbay health check",
        // The check history is where checks are found; logging each one would flood the request log.
        log: false,
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
