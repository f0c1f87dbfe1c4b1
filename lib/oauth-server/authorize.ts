import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { memberships, oauthClients, oauthServerGrants, oauthServerTokens, tenants } from "@/db/schema";
import { OWNER_SCOPES, SCOPES, type Scope } from "@/lib/api-keys/scopes";
import { recordAudit, type Actor } from "@/lib/audit";
import { sha256Hex } from "@/lib/crypto/hash";
import { forbidden, notFound } from "@/lib/errors";
import { hasRole, requireRole, type TenantContext, type TenantRef } from "@/lib/tenancy/context";
import { isUuid, withSystem, withTenant } from "@/lib/tenancy/data";
import type { Role } from "@/lib/tenancy/roles";
import { newAuthorizationCode } from "./format";
import { consentSchema } from "./schema";
import { announceTokenChange, forgetTokens } from "./token-cache";

const CODE_TTL_MS = 60_000;

export type AuthorizationRequest = {
  client: { id: string; clientId: string; name: string; ownerTenant: string };
  redirectUri: string;
  scopes: Scope[];
  state: string | null;
  codeChallenge: string;
};

/**
 * How an authorization request is answered before consent (RFC 6749 §4.1.2.1): a client or
 * redirect URI that cannot be trusted gets a page of its own (never a redirect to an unchecked
 * address); every other problem goes back to the app's redirect URI as error + state.
 */
export type AuthorizationCheck =
  { kind: "ok"; request: AuthorizationRequest } | { kind: "page"; message: string } | { kind: "redirect"; url: string };

export function redirectWith(redirectUri: string, params: Record<string, string | null>, issuer: string): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  // RFC 9207: the app can tell which server answered (mix-up defence).
  url.searchParams.set("iss", issuer);
  return url.toString();
}

const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export async function checkAuthorizationRequest(query: URLSearchParams, issuer: string): Promise<AuthorizationCheck> {
  const one = (name: string) => {
    const values = query.getAll(name);
    return values.length === 1 ? values[0]! : values.length === 0 ? null : undefined;
  };
  const clientId = one("client_id");
  const redirectUri = one("redirect_uri");
  if (!clientId) return { kind: "page", message: "The app did not say who it is (client_id is missing or repeated)." };
  const client = await withSystem("oauth consent", async (sys) => {
    const [row] = await sys
      .select()
      .from(oauthClients)
      .where(eq(oauthClients.clientId, clientId.slice(0, 200)));
    return row;
  });
  if (!client) return { kind: "page", message: "No app with this client_id is registered with Patchbay." };
  if (!redirectUri || !client.redirectUris.includes(redirectUri))
    return { kind: "page", message: "The redirect_uri is missing or is not one this app registered, so Patchbay will not send you there." };
  const state = one("state");
  const fail = (error: string, description: string): AuthorizationCheck => ({
    kind: "redirect",
    url: redirectWith(redirectUri, { error, error_description: description, state: state ?? null }, issuer),
  });
  if (state === undefined) return fail("invalid_request", "state is repeated.");
  if (one("response_type") !== "code") return fail("unsupported_response_type", "Patchbay answers response_type=code only.");
  if (!client.grantTypes.includes("authorization_code"))
    return fail("unauthorized_client", "This app may not use the authorization_code grant.");
  const challenge = one("code_challenge");
  if (!challenge || one("code_challenge_method") !== "S256" || !CHALLENGE.test(challenge))
    return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  const scopeText = one("scope");
  if (scopeText === undefined) return fail("invalid_request", "scope is repeated.");
  const requested = scopeText === null ? [...client.scopes] : [...new Set(scopeText.split(" ").filter(Boolean))];
  const beyond = requested.filter((s) => !client.scopes.includes(s as Scope) || !(SCOPES as readonly string[]).includes(s));
  if (beyond.length > 0 || requested.length === 0)
    return fail(
      "invalid_scope",
      beyond.length ? `Not allowed for this app: ${beyond.join(" ").slice(0, 200)}` : "Ask for at least one scope.",
    );
  return {
    kind: "ok",
    request: {
      client: { id: client.id, clientId: client.clientId, name: client.name, ownerTenant: client.tenantId },
      redirectUri,
      scopes: requested as Scope[],
      state,
      codeChallenge: challenge,
    },
  };
}

/** The tenants a user may grant access to: where they are an admin or owner. */
export async function consentableTenants(userId: string): Promise<(TenantRef & { role: Role })[]> {
  const rows = await withSystem("oauth consent", (sys) =>
    sys
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(eq(memberships.userId, userId))
      .orderBy(tenants.name),
  );
  return rows.filter((r) => hasRole(r, "admin")).map(({ id, slug, name, role }) => ({ id, slug, name, role }));
}

export type ConsentUser = { id: string; email: string; ip: string | null };

/**
 * The admin's answer on the consent page; the request is checked again from scratch (the form
 * is only a carrier). Allow: a grant in the chosen tenant and a single-use code valid for a
 * minute. Deny: access_denied. Either way, where to send the browser.
 */
export async function decideConsent(user: ConsentUser, raw: unknown, issuer: string, now = new Date()): Promise<string> {
  const input = consentSchema.parse(raw);
  const check = await checkAuthorizationRequest(new URLSearchParams(input.request), issuer);
  if (check.kind === "page") throw forbidden(check.message);
  if (check.kind === "redirect") return check.url;
  const { request } = check;
  if (input.decision === "deny")
    return redirectWith(
      request.redirectUri,
      { error: "access_denied", error_description: "The admin declined.", state: request.state },
      issuer,
    );
  const tenant = (await consentableTenants(user.id)).find((t) => t.slug === input.tenant);
  if (!tenant) throw forbidden("Only an admin or owner of the organisation can grant an app access to it.");
  const ownerOnly = request.scopes.filter((s) => OWNER_SCOPES.includes(s));
  if (ownerOnly.length > 0 && !hasRole(tenant, "owner"))
    throw forbidden(`Only an owner of the organisation can grant ${ownerOnly.join(", ")}.`);
  const code = newAuthorizationCode();
  const actor: Actor = { type: "user", id: user.id, label: user.email, ip: user.ip };
  await withTenant({ tenant }, async (tx) => {
    const [grant] = await tx
      .insert(oauthServerGrants)
      .values({
        tenantId: tenant.id,
        clientId: request.client.id,
        clientName: request.client.name,
        userId: user.id,
        userLabel: user.email,
        scopes: request.scopes,
        redirectUri: request.redirectUri,
        codeHash: sha256Hex(code),
        codeChallenge: request.codeChallenge,
        codeExpiresAt: new Date(now.getTime() + CODE_TTL_MS),
      })
      .returning({ id: oauthServerGrants.id });
    await recordAudit(
      {
        tenantId: tenant.id,
        actor,
        action: "oauth_grant.created",
        target: { type: "oauth_grant", id: grant!.id },
        details: { client_id: request.client.clientId, client_name: request.client.name, scopes: request.scopes },
      },
      tx,
    );
  });
  return redirectWith(request.redirectUri, { code, state: request.state }, issuer);
}

/** Apps holding a live grant on the tenant (consent given and code redeemed), newest first. */
export async function listAuthorizedApps(ctx: TenantContext) {
  requireRole(ctx, "admin");
  return withTenant(ctx, (tx) =>
    tx
      .select({
        id: oauthServerGrants.id,
        clientName: oauthServerGrants.clientName,
        scopes: oauthServerGrants.scopes,
        userLabel: oauthServerGrants.userLabel,
        createdAt: oauthServerGrants.createdAt,
        lastUsedAt: oauthServerGrants.lastUsedAt,
      })
      .from(oauthServerGrants)
      .where(
        and(eq(oauthServerGrants.tenantId, ctx.tenant.id), isNull(oauthServerGrants.revokedAt), isNotNull(oauthServerGrants.codeUsedAt)),
      )
      .orderBy(desc(oauthServerGrants.createdAt)),
  );
}

/** Takes an app's access away: the grant and every token from it stop working at once, on every instance. */
export async function revokeAuthorizedApp(ctx: TenantContext, raw: { id: string }, now = new Date()) {
  requireRole(ctx, "admin");
  if (!isUuid(raw.id)) throw notFound("Authorized app");
  const revoked = await withTenant(ctx, async (tx) => {
    const [grant] = await tx
      .update(oauthServerGrants)
      .set({ revokedAt: now })
      .where(and(eq(oauthServerGrants.id, raw.id), eq(oauthServerGrants.tenantId, ctx.tenant.id), isNull(oauthServerGrants.revokedAt)))
      .returning();
    if (!grant) throw notFound("Authorized app");
    await tx
      .update(oauthServerTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthServerTokens.grantId, grant.id), isNull(oauthServerTokens.revokedAt)));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "oauth_grant.revoked",
        target: { type: "oauth_grant", id: grant.id },
        details: { client_name: grant.clientName, consented_by: grant.userLabel, scopes: grant.scopes },
      },
      tx,
    );
    await announceTokenChange(tx, { kind: "grant", id: grant.id });
    return grant.id;
  });
  forgetTokens({ kind: "grant", id: revoked });
}
