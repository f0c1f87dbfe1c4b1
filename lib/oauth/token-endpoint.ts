import { hasPgCode, PG } from "@/db/errors";
import { setTimeout as sleep } from "node:timers/promises";
import { sendRequest } from "@/lib/http/client";
import { HttpError } from "@/lib/http/http-error";
import { createRedactor, isSecretName, redactDeep, redactHeaders, redactUrl, REDACTED, type Redactor } from "@/lib/http/redact";
import type { HttpResponse } from "@/lib/http/client";
import { recordRequest } from "@/lib/integrations/request-log";
import { countCall } from "@/lib/integrations/usage";
import { logError } from "@/lib/log";
import type { OAuthSettings } from "./settings";

export type TokenResponse = {
  access_token: string;
  token_type?: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
  id_token?: string;
};

/**
 * `invalid_grant`: the grant is gone (revoked, expired, reused) and only a new consent helps.
 * `transient`: timeouts, dropped connections, 5xx and 429, worth retrying.
 * `rejected`: anything else the provider refused (wrong client secret, bad scope, unreachable host).
 */
export type TokenErrorKind = "invalid_grant" | "transient" | "rejected";

/** Its message is safe to store and show: the provider's error code and description, with every secret removed. */
export class TokenEndpointError extends Error {
  constructor(
    readonly kind: TokenErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "TokenEndpointError";
  }
}

const TIMEOUT_MS = 10_000;
const DESCRIPTION_CHARS = 300;

// RFC 6749 §2.3.1: both halves are form-encoded before they are joined for Basic.
function basicAuth(id: string, secret: string): string {
  const enc = (v: string) => encodeURIComponent(v).replace(/%20/g, "+");
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`, "utf8").toString("base64")}`;
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A POST of form fields to the provider, authenticated as the client the way it wants. */
async function postForm(settings: OAuthSettings, url: string, fields: Record<string, string>, secrets: string[]) {
  const body = new URLSearchParams(fields);
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    "user-agent": "Patchbay",
  };
  if (settings.clientAuth === "client_secret_basic") headers.authorization = basicAuth(settings.clientId, settings.clientSecret);
  else {
    body.set("client_id", settings.clientId);
    body.set("client_secret", settings.clientSecret);
  }
  // The client's Basic pair too: a provider that echoes the request repeats the header it was sent.
  const redact = createRedactor([settings.clientSecret, ...secrets], [[settings.clientId, settings.clientSecret]]);
  const started = performance.now();
  try {
    const res = await sendRequest({
      url,
      method: "POST",
      headers,
      body: body.toString(),
      timeoutMs: TIMEOUT_MS,
      maxRedirects: 0,
      maxResponseBytes: 256 * 1024,
    });
    logTokenCall(settings, url, headers, redact, res, null, Math.round(performance.now() - started));
    return { res, redact };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    const transient = error.kind === "timeout" || error.kind === "network" || error.kind === "refused";
    const message = redact(error.message);
    logTokenCall(settings, url, headers, redact, null, message, Math.round(performance.now() - started));
    throw new TokenEndpointError(transient ? "transient" : "rejected", message);
  }
}

function tokenExcerpt(res: HttpResponse, redact: Redactor): string {
  // Tokens issued by this very answer are named by their field, not by value: no redactor knows them yet.
  const json = parseJson(res.body.toString("utf8"));
  if (!json) return redact(res.body.toString("utf8"));
  const shown = Object.fromEntries(Object.entries(json).map(([k, v]) => [k, isSecretName(k) ? REDACTED : v]));
  return JSON.stringify(redactDeep(shown, redact));
}

/**
 * Puts the call in the integration's request log (source "oauth") and usage. Not awaited: the
 * refresh runs inside the connection's row-lock transaction, and the log is written beside it.
 */
function logTokenCall(
  settings: OAuthSettings,
  url: string,
  headers: Record<string, string>,
  redact: Redactor,
  res: HttpResponse | null,
  error: string | null,
  durationMs: number,
) {
  const success = res !== null && res.status >= 200 && res.status < 300;
  countCall({ integrationId: settings.integrationId, tenantId: settings.tenantId, source: "oauth", success });
  void recordRequest({
    tenantId: settings.tenantId,
    integrationId: settings.integrationId,
    source: "oauth",
    sourceId: null,
    method: "POST",
    url: redactUrl(url, redact),
    requestHeaders: redactHeaders(headers, redact),
    statusCode: res?.status ?? null,
    durationMs,
    responseExcerpt: res ? tokenExcerpt(res, redact) : null,
    success,
    error: error ?? (success ? null : `The token endpoint answered ${res!.status}.`),
  }).catch((failure: unknown) => {
    // Disconnecting while deleting revokes the tokens and then deletes the integration, whose log goes with it.
    if (hasPgCode(failure, PG.foreignKeyViolation)) return;
    logError("oauth: logging a token call failed", failure, { integrationId: settings.integrationId });
  });
}

/** One call to the token endpoint; secrets the call carries are named so no error message can repeat them. */
export async function requestToken(
  settings: OAuthSettings,
  fields: Record<string, string>,
  secrets: string[] = [],
): Promise<TokenResponse> {
  const { res, redact } = await postForm(settings, settings.tokenUrl, fields, secrets);
  const json = parseJson(res.body.toString("utf8"));
  if (res.status >= 200 && res.status < 300 && json && typeof json.access_token === "string" && json.access_token) {
    const expiresIn = Number(json.expires_in);
    return {
      access_token: json.access_token,
      token_type: typeof json.token_type === "string" ? json.token_type : undefined,
      expires_in: Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : undefined,
      refresh_token: typeof json.refresh_token === "string" && json.refresh_token ? json.refresh_token : undefined,
      scope: typeof json.scope === "string" ? json.scope : undefined,
      id_token: typeof json.id_token === "string" ? json.id_token : undefined,
    };
  }
  if (res.status === 429 || res.status >= 500) {
    throw new TokenEndpointError("transient", `The provider's token endpoint answered ${res.status}; Patchbay will try again.`);
  }
  // The provider's answer is redacted once, as a whole, before anything is cut from it: a cut inside a secret would leave part of it.
  const answer = redactDeep(json, redact);
  const code = typeof answer?.error === "string" ? answer.error.slice(0, 100) : null;
  const description = typeof answer?.error_description === "string" ? answer.error_description.slice(0, DESCRIPTION_CHARS) : null;
  if (!code) throw new TokenEndpointError("rejected", `The provider's token endpoint answered ${res.status} without an OAuth error.`);
  const message = `The provider answered ${code}${description ? `: ${description}` : ""}.`;
  throw new TokenEndpointError(code === "invalid_grant" ? "invalid_grant" : "rejected", message);
}

const BACKOFF_MS = [500, 2_000];

/** requestToken, retried with backoff while failures are transient. */
export async function requestTokenWithRetry(
  settings: OAuthSettings,
  fields: Record<string, string>,
  secrets: string[] = [],
): Promise<TokenResponse> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await requestToken(settings, fields, secrets);
    } catch (error) {
      if (!(error instanceof TokenEndpointError) || error.kind !== "transient" || attempt >= BACKOFF_MS.length) throw error;
      await sleep(BACKOFF_MS[attempt]!);
    }
  }
}

/** RFC 7009 revocation; the provider answers 200 also for tokens it no longer knows. */
export async function revokeToken(settings: OAuthSettings, token: string, hint: "access_token" | "refresh_token"): Promise<void> {
  if (!settings.revokeUrl) return;
  const { res } = await postForm(settings, settings.revokeUrl, { token, token_type_hint: hint }, [token]);
  if (res.status < 200 || res.status >= 300)
    throw new TokenEndpointError(
      res.status >= 500 ? "transient" : "rejected",
      `The provider's revocation endpoint answered ${res.status}.`,
    );
}
