import { createHash } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { oauthClients, oauthServerGrants, oauthServerTokens, tenants } from "@/db/schema";
import { SCOPES, type Scope } from "@/lib/api-keys/scopes";
import { constantTimeEqual, sha256Hex } from "@/lib/crypto/hash";
import { env } from "@/lib/env";
import { withSystem } from "@/lib/tenancy/data";
import { invalidClient, invalidGrant, invalidRequest, invalidScope, OAuthError } from "./errors";
import { ACCESS_TOKEN_PREFIX, newAccessToken, newRefreshToken, REFRESH_TOKEN_PREFIX } from "./format";
import { announceTokenChange, forgetTokens } from "./token-cache";

type ClientRow = typeof oauthClients.$inferSelect;

export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 3600;
const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

/** Access-token lifetime: PATCHBAY_OAUTH_TOKEN_TTL_SECONDS, one hour without it. */
export function accessTokenTtlSeconds(): number {
  return env().oauthServer?.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
}

/** The issuer identifier (RFC 8414 §2): configured, else the public URL, else where the request arrived. */
export function issuerFor(req: Request): string {
  // The Host the client used, as on pages: Next's own request URL may name the address it bound to instead.
  return req.headers.has("host") ? issuerFromHeaders(req.headers) : issuerFromOrigin(new URL(req.url).origin);
}

export function issuerFromOrigin(origin: string): string {
  const configured = env().oauthServer?.issuer ?? env().publicUrl;
  return configured ? new URL(configured).origin : origin;
}

/** Where a page's request arrived, for pages (which have headers, not a Request). */
export function issuerFromHeaders(headers: Headers): string {
  const proto = headers.get("x-forwarded-proto")?.split(",")[0]?.trim() === "https" ? "https" : "http";
  return issuerFromOrigin(`${proto}://${headers.get("host") ?? "localhost"}`);
}

export type TokenRequest = { params: URLSearchParams; authorization: string | null };

/** RFC 6749 §3.2: a parameter sent twice is refused rather than guessed at. */
function single(params: URLSearchParams, name: string): string | null {
  const values = params.getAll(name);
  if (values.length > 1) throw invalidRequest(`The parameter ${name} is repeated.`);
  return values[0] || null;
}

function parseBasic(header: string | null): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? "");
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw invalidClient();
  try {
    // RFC 6749 §2.3.1: both halves are form-urlencoded before they are joined.
    const unform = (s: string) => decodeURIComponent(s.replaceAll("+", " "));
    return { id: unform(decoded.slice(0, colon)), secret: unform(decoded.slice(colon + 1)) };
  } catch {
    throw invalidClient();
  }
}

async function findClient(sys: Db, clientId: string): Promise<ClientRow | undefined> {
  const [row] = await sys.select().from(oauthClients).where(eq(oauthClients.clientId, clientId));
  return row;
}

/**
 * client_secret_basic, client_secret_post, or (public clients) just the client_id. Every failure
 * is the same invalid_client, and a wrong secret costs the same work as an unknown client.
 */
export async function authenticateClient(sys: Db, request: TokenRequest): Promise<ClientRow> {
  const basic = parseBasic(request.authorization);
  if (request.authorization && !basic) throw invalidClient();
  const postedId = single(request.params, "client_id");
  const postedSecret = single(request.params, "client_secret");
  if (basic && postedSecret) throw invalidRequest("Authenticate the client one way: HTTP Basic or client_secret in the body, not both.");
  if (basic && postedId && postedId !== basic.id)
    throw invalidRequest("client_id in the body differs from the one in the Authorization header.");
  const clientId = basic?.id ?? postedId;
  if (!clientId || clientId.length > 200) throw invalidClient();
  const secret = basic?.secret ?? postedSecret;
  const client = await findClient(sys, clientId);
  const matches = constantTimeEqual(client?.secretHash ?? "", sha256Hex(secret ?? ""));
  if (!client) throw invalidClient();
  if (client.type === "confidential" ? !secret || !matches : secret !== null) throw invalidClient();
  return client;
}

function parseScopes(raw: string | null, allowed: readonly Scope[], fallback: readonly Scope[]): Scope[] {
  if (raw === null) return [...fallback];
  const requested = [...new Set(raw.split(" ").filter(Boolean))];
  const beyond = requested.filter((s) => !allowed.includes(s as Scope));
  if (beyond.length > 0) throw invalidScope(`Not granted to this client: ${beyond.join(" ").slice(0, 200)}`);
  if (requested.length === 0) throw invalidScope("Ask for at least one scope.");
  return requested as Scope[];
}

export type TokenResponse = {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  refresh_token?: string;
};

async function issueTokens(
  tx: Db,
  issue: { client: ClientRow; tenantId: string; grantId: string | null; scopes: Scope[]; refresh: boolean },
  now: Date,
): Promise<TokenResponse> {
  const ttl = accessTokenTtlSeconds();
  const accessToken = newAccessToken();
  const refreshToken = issue.refresh ? newRefreshToken() : null;
  const base = { tenantId: issue.tenantId, clientId: issue.client.id, grantId: issue.grantId, scopes: issue.scopes };
  await tx
    .insert(oauthServerTokens)
    .values([
      { ...base, kind: "access", hash: sha256Hex(accessToken), expiresAt: new Date(now.getTime() + ttl * 1000) },
      ...(refreshToken
        ? [{ ...base, kind: "refresh" as const, hash: sha256Hex(refreshToken), expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS) }]
        : []),
    ]);
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: ttl,
    scope: issue.scopes.join(" "),
    ...(refreshToken ? { refresh_token: refreshToken } : {}),
  };
}

/** Revokes a grant and every token issued under it; the caller forgets the grant after commit. */
async function revokeGrantIn(tx: Db, grantId: string, now: Date): Promise<void> {
  await tx
    .update(oauthServerGrants)
    .set({ revokedAt: now })
    .where(and(eq(oauthServerGrants.id, grantId), isNull(oauthServerGrants.revokedAt)));
  await tx
    .update(oauthServerTokens)
    .set({ revokedAt: now })
    .where(and(eq(oauthServerTokens.grantId, grantId), isNull(oauthServerTokens.revokedAt)));
  await announceTokenChange(tx, { kind: "grant", id: grantId });
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

type Outcome = { tokens: TokenResponse } | { error: OAuthError; revokedGrant?: string };

async function authorizationCodeGrant(sys: Db, client: ClientRow, params: URLSearchParams, now: Date): Promise<Outcome> {
  const code = single(params, "code");
  const redirectUri = single(params, "redirect_uri");
  const verifier = single(params, "code_verifier");
  if (!code) throw invalidRequest("code is required.");
  if (!redirectUri) throw invalidRequest("redirect_uri is required.");
  if (!verifier) throw invalidRequest("code_verifier is required: Patchbay requires PKCE (S256).");
  return sys.transaction(async (tx): Promise<Outcome> => {
    const [grant] = await tx
      .select()
      .from(oauthServerGrants)
      .where(eq(oauthServerGrants.codeHash, sha256Hex(code)))
      .for("update");
    if (!grant || grant.clientId !== client.id) return { error: invalidGrant("The authorization code is not valid.") };
    if (grant.codeUsedAt) {
      // RFC 6749 §4.1.2: a code used twice may have been stolen, so what it gave is taken back.
      await revokeGrantIn(tx, grant.id, now);
      return { error: invalidGrant("The authorization code was already used; the grant it gave is revoked."), revokedGrant: grant.id };
    }
    if (grant.revokedAt) return { error: invalidGrant("The authorization was revoked.") };
    if (grant.codeExpiresAt <= now) return { error: invalidGrant("The authorization code has expired.") };
    if (redirectUri !== grant.redirectUri) return { error: invalidGrant("redirect_uri differs from the authorization request's.") };
    if (!VERIFIER.test(verifier) || !constantTimeEqual(pkceChallenge(verifier), grant.codeChallenge))
      return { error: invalidGrant("code_verifier does not match the code_challenge.") };
    await tx.update(oauthServerGrants).set({ codeUsedAt: now, lastUsedAt: now }).where(eq(oauthServerGrants.id, grant.id));
    const scopes = grant.scopes.filter((s) => client.scopes.includes(s));
    const tokens = await issueTokens(
      tx,
      { client, tenantId: grant.tenantId, grantId: grant.id, scopes, refresh: client.grantTypes.includes("refresh_token") },
      now,
    );
    return { tokens };
  });
}

async function refreshTokenGrant(sys: Db, client: ClientRow, params: URLSearchParams, now: Date): Promise<Outcome> {
  const presented = single(params, "refresh_token");
  if (!presented) throw invalidRequest("refresh_token is required.");
  const scope = single(params, "scope");
  return sys.transaction(async (tx): Promise<Outcome> => {
    const [row] = await tx
      .select({ token: oauthServerTokens, grantRevokedAt: oauthServerGrants.revokedAt })
      .from(oauthServerTokens)
      .leftJoin(oauthServerGrants, eq(oauthServerGrants.id, oauthServerTokens.grantId))
      .where(and(eq(oauthServerTokens.hash, sha256Hex(presented)), eq(oauthServerTokens.kind, "refresh")))
      .for("update", { of: oauthServerTokens });
    const token = row?.token;
    if (!token || token.clientId !== client.id || !token.grantId) return { error: invalidGrant("The refresh token is not valid.") };
    if (token.usedAt && !token.revokedAt) {
      // A rotated refresh token came back: one of its two holders is not the client, so neither keeps access.
      await revokeGrantIn(tx, token.grantId, now);
      return { error: invalidGrant("The refresh token was already used; the grant is revoked."), revokedGrant: token.grantId };
    }
    if (token.revokedAt || row.grantRevokedAt) return { error: invalidGrant("The refresh token was revoked.") };
    if (token.expiresAt <= now) return { error: invalidGrant("The refresh token has expired.") };
    const current = token.scopes.filter((s) => client.scopes.includes(s));
    const scopes = parseScopes(scope, current, current);
    await tx.update(oauthServerTokens).set({ usedAt: now }).where(eq(oauthServerTokens.id, token.id));
    await tx.update(oauthServerGrants).set({ lastUsedAt: now }).where(eq(oauthServerGrants.id, token.grantId));
    return { tokens: await issueTokens(tx, { client, tenantId: token.tenantId, grantId: token.grantId, scopes, refresh: true }, now) };
  });
}

async function clientCredentialsGrant(sys: Db, client: ClientRow, params: URLSearchParams, now: Date): Promise<Outcome> {
  const scopes = parseScopes(single(params, "scope"), client.scopes, client.scopes);
  // The client acts for the tenant that registered it; no refresh token (RFC 6749 §4.4.3).
  return { tokens: await issueTokens(sys, { client, tenantId: client.tenantId, grantId: null, scopes, refresh: false }, now) };
}

const GRANTS = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
} as const;

/** POST /oauth/token: the answer to send, or an OAuthError to throw as RFC 6749 §5.2 says. */
export async function tokenEndpoint(request: TokenRequest, now = new Date()): Promise<TokenResponse> {
  const grantType = single(request.params, "grant_type");
  const outcome = await withSystem("oauth token endpoint", async (sys) => {
    const client = await authenticateClient(sys, request);
    if (!grantType) throw invalidRequest("grant_type is required.");
    if (!(grantType in GRANTS))
      throw new OAuthError("unsupported_grant_type", `Patchbay does not support the ${grantType.slice(0, 60)} grant.`);
    const type = grantType as keyof typeof GRANTS;
    if (!client.grantTypes.includes(type)) throw new OAuthError("unauthorized_client", `This client may not use the ${type} grant.`);
    return GRANTS[type](sys, client, request.params, now);
  });
  if ("error" in outcome) {
    if (outcome.revokedGrant) forgetTokens({ kind: "grant", id: outcome.revokedGrant });
    throw outcome.error;
  }
  return outcome.tokens;
}

type FoundToken = {
  token: typeof oauthServerTokens.$inferSelect;
  grant: { revokedAt: Date | null; userId: string | null; userLabel: string } | null;
  tenant: { id: string; slug: string; name: string };
};

async function findToken(sys: Db, presented: string): Promise<FoundToken | undefined> {
  const kind = presented.startsWith(ACCESS_TOKEN_PREFIX) ? "access" : presented.startsWith(REFRESH_TOKEN_PREFIX) ? "refresh" : null;
  if (!kind) return undefined;
  const [row] = await sys
    .select({
      token: oauthServerTokens,
      grant: { revokedAt: oauthServerGrants.revokedAt, userId: oauthServerGrants.userId, userLabel: oauthServerGrants.userLabel },
      tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
    })
    .from(oauthServerTokens)
    .innerJoin(tenants, eq(tenants.id, oauthServerTokens.tenantId))
    .leftJoin(oauthServerGrants, eq(oauthServerGrants.id, oauthServerTokens.grantId))
    .where(and(eq(oauthServerTokens.hash, sha256Hex(presented)), eq(oauthServerTokens.kind, kind)));
  return row;
}

const isActive = (found: FoundToken, now: Date) => !found.token.revokedAt && !found.grant?.revokedAt && found.token.expiresAt > now;

/**
 * POST /oauth/revoke (RFC 7009): the authenticated client's own token stops working at once.
 * A refresh token takes its whole grant with it. Unknown tokens and other clients' tokens are
 * answered the same (200), so the endpoint tells nobody what exists.
 */
export async function revokeEndpoint(request: TokenRequest, now = new Date()): Promise<void> {
  const forget = await withSystem("oauth token endpoint", async (sys) => {
    const client = await authenticateClient(sys, request);
    const presented = single(request.params, "token");
    if (!presented) throw invalidRequest("token is required.");
    const found = await findToken(sys, presented);
    if (!found || found.token.clientId !== client.id) return null;
    return sys.transaction(async (tx) => {
      if (found.token.kind === "refresh" && found.token.grantId) {
        await revokeGrantIn(tx, found.token.grantId, now);
        return { kind: "grant" as const, id: found.token.grantId };
      }
      await tx
        .update(oauthServerTokens)
        .set({ revokedAt: now })
        .where(and(eq(oauthServerTokens.id, found.token.id), isNull(oauthServerTokens.revokedAt)));
      await announceTokenChange(tx, { kind: "token", id: found.token.id });
      return { kind: "token" as const, id: found.token.id };
    });
  });
  if (forget) forgetTokens(forget);
}

/**
 * POST /oauth/introspect (RFC 7662), for the client the token was issued to: anything else,
 * unknown, expired or revoked is `{active:false}` and nothing more.
 */
export async function introspectEndpoint(request: TokenRequest, issuer: string, now = new Date()): Promise<Record<string, unknown>> {
  return withSystem("oauth token endpoint", async (sys) => {
    const client = await authenticateClient(sys, request);
    const presented = single(request.params, "token");
    if (!presented) throw invalidRequest("token is required.");
    const found = await findToken(sys, presented);
    if (!found || found.token.clientId !== client.id || !isActive(found, now)) return { active: false };
    const { token, grant, tenant } = found;
    return {
      active: true,
      scope: token.scopes.filter((s) => client.scopes.includes(s)).join(" "),
      client_id: client.clientId,
      token_type: token.kind === "access" ? "Bearer" : "refresh_token",
      exp: Math.floor(token.expiresAt.getTime() / 1000),
      iat: Math.floor(token.createdAt.getTime() / 1000),
      iss: issuer,
      sub: grant?.userId ?? client.clientId,
      ...(grant ? { username: grant.userLabel } : {}),
      tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
    };
  });
}

/** RFC 8414 metadata. */
export function serverMetadata(issuer: string) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/oauth/authorize`,
    token_endpoint: `${issuer}/oauth/token`,
    revocation_endpoint: `${issuer}/oauth/revoke`,
    introspection_endpoint: `${issuer}/oauth/introspect`,
    scopes_supported: [...SCOPES],
    response_types_supported: ["code"],
    response_modes_supported: ["query"],
    grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    revocation_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    introspection_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "none"],
    code_challenge_methods_supported: ["S256"],
    authorization_response_iss_parameter_supported: true,
    service_documentation: `${issuer}/docs`,
  };
}
