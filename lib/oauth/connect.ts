import { eq } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { integrations, oauthConnections, type ConnectInitiator } from "@/db/schema";
import { emitEvent, recordAudit, type Actor } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { recordConnectionEvent } from "@/lib/integrations/connection-status";
import { PATH_PARAM_VALUE } from "@/lib/integrations/schema";
import type { IntegrationRow } from "@/lib/integrations/view";
import { getProvider } from "@/lib/providers";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { connectionView, type ConnectionView } from "./view";
import { connectSchema } from "./schema";
import { oauthSettings, type OAuthSettings } from "./settings";
import { claimState, createState, pkcePair, type ClaimedState, type StateProblem } from "./state";
import { requestToken, requestTokenWithRetry, TokenEndpointError, type TokenResponse } from "./token-endpoint";
import { saveTokens } from "./token-store";

export const CALLBACK_PATH = "/api/oauth/callback";

/** The redirect URI registered at providers, on the origin browsers reach Patchbay at. */
export function redirectUriFor(origin: string): string {
  return `${origin}${CALLBACK_PATH}`;
}

export function integrationOAuthPath(tenantSlug: string, integrationId: string): string {
  return `/t/${tenantSlug}/integrations/${integrationId}/oauth`;
}

function requestedScopes(settings: OAuthSettings, extra: string[]): string[] {
  return [...new Set([...settings.scopes, ...extra])];
}

export function authorizationUrl(
  settings: OAuthSettings,
  p: { redirectUri: string; scopes: string[]; state: string; codeChallenge: string | null },
): string {
  const url = new URL(settings.authorizeUrl);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", settings.clientId);
  url.searchParams.set("redirect_uri", p.redirectUri);
  if (p.scopes.length) url.searchParams.set("scope", p.scopes.join(" "));
  url.searchParams.set("state", p.state);
  if (p.codeChallenge) {
    url.searchParams.set("code_challenge", p.codeChallenge);
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url.toString();
}

async function writeConnected(tx: Db, tenantId: string, actor: Actor, integration: IntegrationRow, details: Record<string, unknown>) {
  const target = { type: "integration", id: integration.id };
  await recordAudit({ tenantId, actor, action: "integration.connected", target, details }, tx);
  await emitEvent(
    tenantId,
    "integration.connected",
    { id: integration.id, name: integration.name, provider: integration.provider, ...details },
    tx,
  );
}

async function storeConnection(
  tenantId: string,
  actor: Actor,
  integrationId: string,
  response: TokenResponse,
  grantType: "authorization_code" | "client_credentials",
  scopes: string[],
  pathParams: Record<string, string> | null = null,
): Promise<ConnectionView> {
  return withTenant({ tenant: { id: tenantId } }, async (tx) => {
    const integration = await loadOwned(integrations, { tenant: { id: tenantId } }, integrationId, { lock: true });
    const [previous] = await tx.select().from(oauthConnections).where(eq(oauthConnections.integrationId, integrationId));
    const saved = await saveTokens(tx, { integrationId, tenantId }, response, {
      grantType,
      previous: previous ?? null,
      requestedScopes: scopes,
      connecting: true,
    });
    const config = pathParams
      ? { ...integration.config, path_params: { ...integration.config.path_params, ...pathParams } }
      : integration.config;
    await tx.update(integrations).set({ updatedAt: new Date(), config }).where(eq(integrations.id, integrationId));
    await recordConnectionEvent(tx, integrationId, { kind: "authorized" });
    await writeConnected(tx, tenantId, actor, integration, { grant_type: grantType, scopes: saved.scopes, account: saved.accountLabel });
    return connectionView(saved);
  });
}

export type ConnectResult =
  { kind: "authorize"; authorization_url: string; state: string; expires_at: string } | { kind: "connected"; connection: ConnectionView };

/**
 * Starts connecting: for an authorization-code provider, a state and the URL to send the
 * browser to; for a client-credentials provider, the token itself. A state made by a signed-in
 * admin is bound to that admin's session; one made with an API key completes in any browser.
 */
export async function startConnect(ctx: TenantContext, id: string, raw: unknown, requestOrigin: string): Promise<ConnectResult> {
  requireRole(ctx, "admin");
  const input = connectSchema.parse(raw);
  const integration = await loadOwned(integrations, ctx, id);
  const settings = oauthSettings(integration);
  const scopes = requestedScopes(settings, input.scopes);

  if (settings.grantType === "client_credentials") {
    let response: TokenResponse;
    try {
      response = await requestTokenWithRetry(settings, {
        grant_type: "client_credentials",
        ...(scopes.length ? { scope: scopes.join(" ") } : {}),
      });
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      await recordConnectionEvent(db(), integration.id, { kind: "authorization_failed" });
      throw new AppError("failed_dependency", `Could not obtain a token: ${error.message}`);
    }
    return {
      kind: "connected",
      connection: await storeConnection(ctx.tenant.id, ctx.actor, integration.id, response, "client_credentials", scopes),
    };
  }

  const pkce = settings.pkce ? pkcePair() : null;
  const redirectUri = redirectUriFor(requestOrigin);
  const boundUserId = ctx.actor.type === "user" ? (ctx.userId ?? null) : null;
  const { state, expiresAt } = await createState({
    tenantId: ctx.tenant.id,
    integrationId: integration.id,
    initiator: { type: initiatorOf(ctx.actor.type), id: ctx.actor.id ?? null, label: ctx.actor.label ?? null },
    boundUserId,
    codeVerifier: pkce?.verifier ?? null,
    redirectUri,
    scopes,
    returnPath: input.return_path ?? integrationOAuthPath(ctx.tenant.slug, integration.id),
  });
  return {
    kind: "authorize",
    authorization_url: authorizationUrl(settings, { redirectUri, scopes, state, codeChallenge: pkce?.challenge ?? null }),
    state,
    expires_at: expiresAt.toISOString(),
  };
}

export type CallbackParams = {
  state: string | null;
  code: string | null;
  error: string | null;
  errorDescription: string | null;
  /** The redirect's other query parameters: some providers send values their API paths need (QuickBooks' realmId). */
  extra?: Record<string, string>;
};

/** An actor that can start a connect, as stored with its state; anything else counts as an API key. */
function initiatorOf(type: string): ConnectInitiator {
  return type === "user" || type === "oauth_client" ? type : "api_key";
}

/** The path values the provider sends on its redirect back, kept only when they are safe in a URL path. */
function callbackPathParams(providerKey: string, extra: Record<string, string> = {}): Record<string, string> | null {
  const wanted = (getProvider(providerKey)?.pathParams ?? []).filter((p) => p.fromCallback);
  const found = wanted.flatMap((p) =>
    extra[p.name] !== undefined && PATH_PARAM_VALUE.test(extra[p.name]!) ? [[p.name, extra[p.name]!]] : [],
  );
  return found.length > 0 ? Object.fromEntries(found) : null;
}

export type CallbackOutcome =
  | { ok: true; returnPath: string }
  | { ok: false; problem: StateProblem }
  | { ok: false; problem: "provider_error" | "exchange_failed"; returnPath: string; error: string; description: string | null };

const clip = (text: string | null, max: number) => (text ? text.replace(/[\r\n\t]+/g, " ").slice(0, max) : null);

/**
 * The provider's redirect back. The state is claimed first (single use, even when what
 * follows fails); the stored tokens change only when the code exchange succeeds, and a
 * failure is reported to the integration's connection status.
 */
export async function completeAuthorization(params: CallbackParams, sessionUserId: string | null): Promise<CallbackOutcome> {
  const claim = await claimState(params.state, sessionUserId);
  if (!claim.ok) return { ok: false, problem: claim.problem };
  const outcome = await exchangeCode(claim.row, params);
  if (!outcome.ok && "returnPath" in outcome) await recordConnectionEvent(db(), claim.row.integrationId, { kind: "authorization_failed" });
  return outcome;
}

async function exchangeCode(state: ClaimedState, params: CallbackParams): Promise<CallbackOutcome> {
  if (params.error || !params.code) {
    return {
      ok: false,
      problem: "provider_error",
      returnPath: state.returnPath,
      error: clip(params.error, 100) ?? "invalid_response",
      description: clip(params.errorDescription, 300),
    };
  }
  const [integration] = await db().select().from(integrations).where(eq(integrations.id, state.integrationId));
  if (!integration || integration.tenantId !== state.tenantId) return { ok: false, problem: "unknown" };
  let settings: OAuthSettings;
  try {
    settings = oauthSettings(integration);
  } catch (error) {
    // The integration changed while the admin was at the provider (another auth type, credentials removed).
    if (error instanceof AppError)
      return {
        ok: false,
        problem: "exchange_failed",
        returnPath: state.returnPath,
        error: "integration_changed",
        description: error.message,
      };
    throw error;
  }
  const fields: Record<string, string> = { grant_type: "authorization_code", code: params.code, redirect_uri: state.redirectUri };
  if (state.codeVerifier) fields.code_verifier = state.codeVerifier;
  let response: TokenResponse;
  try {
    // Not retried: a code is single use, and a retry after a lost answer would only meet invalid_grant.
    response = await requestToken(settings, fields, [params.code, ...(state.codeVerifier ? [state.codeVerifier] : [])]);
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) throw error;
    return {
      ok: false,
      problem: "exchange_failed",
      returnPath: state.returnPath,
      error: "token_exchange_failed",
      description: error.message,
    };
  }
  const actor: Actor = { type: initiatorOf(state.initiatorType), id: state.initiatorId, label: state.initiatorLabel };
  const pathParams = callbackPathParams(integration.provider, params.extra);
  await storeConnection(state.tenantId, actor, integration.id, response, "authorization_code", state.scopes, pathParams);
  return { ok: true, returnPath: state.returnPath };
}

/** Where the browser goes after the callback: back to the integration with the outcome, or to the error page. */
export function callbackRedirect(outcome: CallbackOutcome): string {
  if (!outcome.ok && !("returnPath" in outcome)) return `/oauth/error?reason=${outcome.problem}`;
  const target = new URL(outcome.returnPath, "http://patchbay.invalid");
  if (outcome.ok) target.searchParams.set("oauth", "connected");
  else {
    target.searchParams.set("oauth_error", outcome.error);
    if (outcome.description) target.searchParams.set("oauth_error_description", outcome.description);
  }
  return `${target.pathname}${target.search}`;
}
