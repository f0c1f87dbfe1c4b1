import { setTimeout as sleep } from "node:timers/promises";
import type { RequestLogSource } from "@/db/schema";
import { sendRequest, type HttpResponse } from "@/lib/http/client";
import { HttpError, type HttpErrorKind } from "@/lib/http/http-error";
import { redactDeep, redactHeaders, redactUrl, type Redactor } from "@/lib/http/redact";
import { getProvider } from "@/lib/providers";
import type { Provider } from "@/lib/providers/types";
import { applyAuth, outboundCredentials } from "./outbound-auth";
import { takeToken } from "./outbound-limit";
import { recordRequest, sampleSuccess } from "./request-log";
import { countCall } from "./usage";
import type { IntegrationRow } from "./view";

/*
 * The one outbound client for an integration's own API. Test connection and health checks each
 * used to hold a copy of this pipeline (credentials, redactor, auth per type, the guarded client,
 * a status-message table, logging), and the copies drifted: two message tables, and one redacted
 * less than the other. Sync, import pushes and connector calls are to use it as well, so every call
 * to a provider authenticates, redacts and logs the same way.
 */

export type CallTarget = Pick<IntegrationRow, "id" | "tenantId" | "provider" | "authType" | "baseUrl" | "credentials">;

/**
 * Which attempts go to the request log: every one, every failure and a sample of successes
 * (./request-log.ts `sampleSuccess`), or none. Every attempt sent is counted in usage either way.
 */
export type RequestLogPolicy = "all" | "sampled" | "none";

export type IntegrationRequest = {
  method?: string;
  /** A path under the integration's base URL, or an absolute URL on the base URL's origin (a provider's next-page link). */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Further attempts after a timeout, a dropped or refused connection, or a 5xx, with backoff. */
  retries?: number;
  userAgent?: string;
  /** The feature that makes the call, and the check or run it belongs to: the log entry's source and source_id. */
  source: RequestLogSource;
  sourceId?: string;
  log: RequestLogPolicy;
};

/** What went wrong, in two registers: `summary` for histories and alerts, `fix` added where an admin acts on it. */
export type CallProblem = { summary: string; fix: string | null };

/**
 * The last attempt. `response`, `text` and `json` are the provider's own content, not redacted:
 * whatever a caller builds from them goes through `redact` (redactDeep) once, as a whole, before
 * it is answered, logged or stored.
 */
export type CallResult = {
  ok: boolean;
  attempts: number;
  durationMs: number;
  request: { method: string; url: string; headers: Record<string, string> };
  response: HttpResponse | null;
  text: string | null;
  json: unknown;
  retryAfterSeconds: number | null;
  error: HttpError | null;
  problem: CallProblem | null;
  redact: Redactor;
};

const RETRYABLE: HttpErrorKind[] = ["timeout", "network", "refused"];

/** The one table of what a provider's status means to an admin. */
export function statusProblem(status: number, retryAfter: number | null): CallProblem | null {
  if (status >= 200 && status < 300) return null;
  if (status === 401) return { summary: "The provider refused the credentials (401).", fix: "Replace them with a valid key or token." };
  if (status === 403)
    return { summary: "The credentials were accepted but lack permission (403).", fix: "Check the key's scopes or role." };
  if (status === 404) return { summary: "The endpoint was not found (404).", fix: "Check the base URL and the status endpoint path." };
  if (status === 429) {
    return {
      summary: "The provider is rate limiting these credentials (429).",
      fix: retryAfter !== null ? `It asks to wait ${retryAfter} s before retrying.` : "Wait a minute and try again.",
    };
  }
  if (status >= 500)
    return { summary: `The provider answered with an error (${status}).`, fix: "Try again later, or check its status page." };
  if (status >= 300 && status < 400) {
    return { summary: `The endpoint answered with a redirect (${status}).`, fix: "Point the URL at the final address." };
  }
  return { summary: `The provider answered ${status}.`, fix: "Check the endpoint and the request it expects." };
}

/** A 2xx whose body says the call failed, from providers that answer errors that way (Slack's `ok: false`). */
function bodyProblem(provider: Provider | null, json: unknown): CallProblem | null {
  const flag = provider?.errorsIn200;
  if (!flag || !json || typeof json !== "object" || (json as Record<string, unknown>)[flag.okField] !== false) return null;
  const raw = (json as Record<string, unknown>)[flag.errorField];
  const code = typeof raw === "string" && /^[\w.-]{1,100}$/.test(raw) ? raw : "no error code";
  return {
    summary: `${provider!.name} refused the call: ${flag.okField} is false (${code}).`,
    fix: flag.credentialErrors.includes(code)
      ? "Replace the token with a valid one."
      : "See the provider's documentation of this error code.",
  };
}

export function problemText(problem: CallProblem | null): string | null {
  return problem ? [problem.summary, problem.fix].filter(Boolean).join(" ") : null;
}

function retryAfterSeconds(res: HttpResponse): number | null {
  const value = res.headers["retry-after"];
  if (!value) return null;
  const seconds = /^\d+$/.test(value) ? Number(value) : Math.ceil((Date.parse(value) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(0, seconds) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function targetUrl(baseUrl: string, path: string, query: Record<string, string>): URL | HttpError {
  let url: URL;
  try {
    url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${baseUrl}${path}`);
    // Credentials go to the integration's own origin only.
    if (url.origin !== new URL(baseUrl).origin) return new HttpError("invalid_url", "The URL is not on the integration's base URL.");
  } catch {
    return new HttpError("invalid_url", "The URL is not valid.");
  }
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

function failure(
  request: CallResult["request"],
  error: HttpError | null,
  attempts: number,
  durationMs: number,
  redact: Redactor,
  problem: CallProblem = { summary: error?.message ?? "The call failed.", fix: null },
): CallResult {
  return {
    ok: false,
    attempts,
    durationMs,
    request,
    response: null,
    text: null,
    json: undefined,
    retryAfterSeconds: null,
    error,
    problem,
    redact,
  };
}

/**
 * One call to an integration: its credentials (an OAuth access token refreshed when due; a 424
 * AppError when there is none), auth applied per type, the guarded client, retries as asked, and
 * each attempt logged, redacted, as the policy says.
 */
export async function callIntegration(target: CallTarget, req: IntegrationRequest): Promise<CallResult> {
  const { credentials, redact } = await outboundCredentials(target);
  const method = req.method ?? "GET";
  const url = targetUrl(target.baseUrl, req.path, req.query ?? {});
  if (url instanceof HttpError) {
    const result = failure({ method, url: redactUrl(`${target.baseUrl}${req.path}`, redact), headers: {} }, url, 1, 0, redact);
    await logAttempt(target, req, result);
    return result;
  }
  const auth = applyAuth(target.authType, credentials, getProvider(target.provider), url);
  const headers = { accept: "application/json", "user-agent": req.userAgent ?? "Patchbay", ...req.headers, ...auth.headers };
  const request = {
    method,
    url: redactUrl(auth.url.toString(), redact, auth.secretParams),
    headers: redactHeaders(headers, redact, auth.secretHeaders),
  };

  const provider = getProvider(target.provider);
  for (let attempt = 1; ; attempt++) {
    if (provider?.rateLimit && !(await takeToken(target.id, provider.rateLimit))) {
      const { requests, perSeconds } = provider.rateLimit;
      const result = failure(request, null, attempt, 0, redact, {
        summary: `Rate limited by Patchbay's limit for ${provider.name} (${requests} requests per ${perSeconds} s); the call was not sent.`,
        fix: "Other calls to this integration are using its budget: try again shortly.",
      });
      await logAttempt(target, req, result);
      return result;
    }
    const started = performance.now();
    let result: CallResult;
    try {
      const res = await sendRequest({
        url: auth.url.toString(),
        method,
        headers,
        body: req.body,
        timeoutMs: req.timeoutMs,
        maxResponseBytes: req.maxResponseBytes,
        credentialHeaders: auth.secretHeaders,
      });
      const text = res.body.toString("utf8");
      const retryAfter = retryAfterSeconds(res);
      result = {
        ok: res.status >= 200 && res.status < 300,
        attempts: attempt,
        durationMs: res.timings.totalMs,
        request,
        response: res,
        text,
        json: parseJson(text),
        retryAfterSeconds: retryAfter,
        error: null,
        problem: statusProblem(res.status, retryAfter),
        redact,
      };
      const refused = bodyProblem(provider, result.json);
      if (result.ok && refused) result = { ...result, ok: false, problem: refused };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      result = failure(request, error, attempt, Math.round(performance.now() - started), redact);
    }
    countCall({ integrationId: target.id, tenantId: target.tenantId, source: req.source, success: result.ok });
    await logAttempt(target, req, result);
    const retryable = result.error ? RETRYABLE.includes(result.error.kind) : (result.response?.status ?? 0) >= 500;
    if (!retryable || attempt > (req.retries ?? 0)) return result;
    await sleep(Math.min(250 * 2 ** (attempt - 1), 4_000));
  }
}

async function logAttempt(target: CallTarget, req: IntegrationRequest, result: CallResult): Promise<void> {
  if (req.log === "none") return;
  if (req.log === "sampled" && result.ok && !sampleSuccess(target.id, req.source)) return;
  const entry = redactDeep(
    {
      method: result.request.method,
      url: result.request.url,
      requestHeaders: result.request.headers,
      statusCode: result.response?.status ?? null,
      durationMs: result.durationMs,
      responseExcerpt: result.text,
      error: problemText(result.problem),
    },
    result.redact,
  );
  await recordRequest({
    ...entry,
    tenantId: target.tenantId,
    integrationId: target.id,
    source: req.source,
    sourceId: req.sourceId ?? null,
    success: result.ok,
  });
}
