import { randomBytes } from "node:crypto";
import { and, eq, gt, isNotNull, isNull, lt } from "drizzle-orm";
import { db } from "@/db/client";
import { SSO_CODE_VERIFIER_COLUMN, ssoAssertions, ssoFlows, tenants, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { contextFor, decryptSecret, encryptSecret, sha256Hex } from "@/lib/crypto";
import type { TenantRef } from "@/lib/tenancy/context";
import { withSystem, withTenant } from "@/lib/tenancy/data";
import { clientSecretOf, loadConnection, ssoAvailable, type SsoConnectionRow } from "./connection";
import { domainOf, tenantForDomain } from "./domains";
import { SsoError } from "./errors";
import { authorizationUrl, discover, exchangeCode, newChecks, OidcProblem } from "./oidc";
import { provisionSsoUser, type SsoIdentity } from "./provision";
import { checkSamlResponse, samlLoginRedirect } from "./saml";
import { ssoUrls } from "./urls";

export const FLOW_TTL_MS = 10 * 60 * 1000;
/** The cookie that ties a flow to the browser that started it (login CSRF, stolen callback URLs). */
export const BINDING_COOKIE = "patchbay-sso";

export type SsoStart = { kind: "password" } | { kind: "redirect"; url: string; binding: string; tenantSlug: string };

async function tenantById(id: string): Promise<TenantRef | null> {
  const [row] = await db().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.id, id));
  return row ?? null;
}

async function tenantBySlug(slug: string): Promise<TenantRef> {
  const [row] = await db().select({ id: tenants.id, slug: tenants.slug, name: tenants.name }).from(tenants).where(eq(tenants.slug, slug));
  if (!row) throw new SsoError("not_configured", `unknown tenant ${slug}`);
  return row;
}

function samlSettings(row: SsoConnectionRow) {
  return { entityId: row.samlIdpEntityId ?? "", ssoUrl: row.samlIdpSsoUrl ?? "", certificate: row.samlIdpCertificate ?? "" };
}

/** Where an email signs in: its verified domain's IdP, or the password field. */
export async function ssoTenantFor(email: string): Promise<{ tenant: TenantRef; connection: SsoConnectionRow } | null> {
  if (!ssoAvailable()) return null;
  const tenantId = await tenantForDomain(domainOf(email));
  if (!tenantId) return null;
  const tenant = await tenantById(tenantId);
  const connection = tenant ? await loadConnection({ tenant }) : null;
  return tenant && connection ? { tenant, connection } : null;
}

/** Starts a flow for the email's tenant: a stored state (hashed), nonce and PKCE verifier (encrypted), and the IdP's URL. */
export async function startSsoSignIn(email: string, returnPath: string | undefined, origin: string): Promise<SsoStart> {
  const target = await ssoTenantFor(email);
  if (!target) return { kind: "password" };
  const { tenant, connection } = target;
  const urls = ssoUrls(origin, tenant.slug);
  const checks = newChecks();
  const binding = randomBytes(32).toString("base64url");
  const id = crypto.randomUUID();
  let url: string;
  let requestId: string | null = null;
  if (connection.protocol === "oidc") {
    const config = await discover({
      issuer: connection.oidcIssuer!,
      clientId: connection.oidcClientId!,
      clientSecret: clientSecretOf(connection),
    });
    url = (await authorizationUrl(config, urls.oidcRedirectUri, connection.oidcScopes, checks, email)).toString();
  } else {
    ({ url, requestId } = samlLoginRedirect(
      samlSettings(connection),
      { entityId: urls.samlEntityId, acsUrl: urls.samlAcsUrl },
      checks.state,
    ));
  }
  await withTenant({ tenant }, (tx) =>
    tx.insert(ssoFlows).values({
      id,
      tenantId: tenant.id,
      protocol: connection.protocol,
      stateHash: sha256Hex(checks.state),
      bindingHash: sha256Hex(binding),
      nonce: connection.protocol === "oidc" ? checks.nonce : null,
      codeVerifier:
        connection.protocol === "oidc"
          ? encryptSecret(checks.codeVerifier, contextFor(SSO_CODE_VERIFIER_COLUMN, { id, tenantId: tenant.id }))
          : null,
      requestId,
      returnPath: safeRedirectTarget(returnPath) === "/" ? `/t/${tenant.slug}` : safeRedirectTarget(returnPath),
      expiresAt: new Date(Date.now() + FLOW_TTL_MS),
    }),
  );
  return { kind: "redirect", url, binding, tenantSlug: tenant.slug };
}

/** Takes the flow a state names, once: a second callback with the same state finds it claimed. */
async function claimFlow(tenant: TenantRef, state: string | null) {
  if (!state) throw new SsoError("idp_initiated");
  return withTenant({ tenant }, async (tx) => {
    const [flow] = await tx
      .select()
      .from(ssoFlows)
      .where(and(eq(ssoFlows.tenantId, tenant.id), eq(ssoFlows.stateHash, sha256Hex(state))))
      .for("update");
    if (!flow || flow.authenticatedAt) throw new SsoError(flow ? "flow_missing" : "idp_initiated");
    if (flow.expiresAt.getTime() <= Date.now()) throw new SsoError("flow_expired");
    await tx.update(ssoFlows).set({ authenticatedAt: new Date() }).where(eq(ssoFlows.id, flow.id));
    const codeVerifier = flow.codeVerifier ? decryptSecret(flow.codeVerifier, contextFor(SSO_CODE_VERIFIER_COLUMN, flow)) : "";
    return { ...flow, codeVerifier };
  });
}

async function finish(tenant: TenantRef, connection: SsoConnectionRow, flowId: string, identity: SsoIdentity, ip: string | null) {
  const { userId } = await provisionSsoUser({ tenant }, identity, connection.defaultRole, ip);
  await withTenant({ tenant }, (tx) => tx.update(ssoFlows).set({ userId }).where(eq(ssoFlows.id, flowId)));
}

async function refused(tenant: TenantRef | null, error: unknown, ip: string | null): Promise<never> {
  if (error instanceof SsoError && tenant) {
    await recordAudit({
      tenantId: tenant.id,
      actor: { type: "anonymous", ip },
      action: "auth.sso_failed",
      details: { reason: error.code, detail: error.detail?.slice(0, 300) ?? null },
    });
  }
  throw error;
}

/** The OIDC redirect back: state, then the code exchange with nonce and PKCE checks, then the user. */
export async function completeOidc(tenantSlug: string, callbackUrl: URL, ip: string | null): Promise<void> {
  let tenant: TenantRef | null = null;
  try {
    tenant = await tenantBySlug(tenantSlug);
    const connection = await loadConnection({ tenant });
    if (connection?.protocol !== "oidc") throw new SsoError("not_configured");
    const flow = await claimFlow(tenant, callbackUrl.searchParams.get("state"));
    if (callbackUrl.searchParams.get("error")) throw new SsoError("idp_refused", callbackUrl.searchParams.get("error") ?? undefined);
    const config = await discover({
      issuer: connection.oidcIssuer!,
      clientId: connection.oidcClientId!,
      clientSecret: clientSecretOf(connection),
    });
    const identity = await exchangeCode(
      config,
      callbackUrl,
      { state: callbackUrl.searchParams.get("state")!, nonce: flow.nonce ?? "", codeVerifier: flow.codeVerifier },
      connection.oidcEmailClaim,
    ).catch((error) => {
      throw error instanceof OidcProblem ? new SsoError("invalid_response", error.message) : error;
    });
    await finish(tenant, connection, flow.id, { subject: `oidc:${identity.subject}`, email: identity.email, protocol: "oidc" }, ip);
  } catch (error) {
    await refused(tenant, error, ip);
  }
}

/**
 * The SAML POST to the ACS. Only answers to a request Patchbay sent are accepted: IdP-initiated
 * responses (no RelayState naming a flow of ours) are refused, since nothing ties them to the browser.
 */
export async function completeSaml(
  tenantSlug: string,
  samlResponse: string | null,
  relayState: string | null,
  origin: string,
  ip: string | null,
): Promise<void> {
  let tenant: TenantRef | null = null;
  try {
    tenant = await tenantBySlug(tenantSlug);
    const connection = await loadConnection({ tenant });
    if (connection?.protocol !== "saml") throw new SsoError("not_configured");
    if (!samlResponse) throw new SsoError("invalid_response", "no SAMLResponse");
    const flow = await claimFlow(tenant, relayState);
    const urls = ssoUrls(origin, tenant.slug);
    const checked = await checkSamlResponse(
      samlSettings(connection),
      { entityId: urls.samlEntityId, acsUrl: urls.samlAcsUrl },
      samlResponse,
      flow.requestId ?? "",
    );
    const scope = { tenant };
    const fresh = await withTenant(scope, (tx) =>
      tx
        .insert(ssoAssertions)
        .values({ tenantId: scope.tenant.id, assertionId: checked.assertionId, expiresAt: checked.expiresAt })
        .onConflictDoNothing()
        .returning({ id: ssoAssertions.assertionId }),
    );
    if (fresh.length === 0) throw new SsoError("replayed", checked.assertionId);
    await finish(tenant, connection, flow.id, checked.identity, ip);
  } catch (error) {
    await refused(tenant, error, ip);
  }
}

/** Spent single-use records are kept only as long as they could be replayed. */
export async function pruneSsoRecords(now = new Date()): Promise<void> {
  await withSystem("sso prune", async (sys) => {
    await sys.delete(ssoAssertions).where(lt(ssoAssertions.expiresAt, now));
    await sys.delete(ssoFlows).where(lt(ssoFlows.expiresAt, new Date(now.getTime() - 24 * 60 * 60 * 1000)));
  });
}

/**
 * What the Auth.js "sso" provider calls: the browser that started the flow presents its binding
 * cookie; a flow whose IdP answer checked out gives its user, once.
 */
export async function consumeSsoTicket(tenantSlug: unknown, ticket: unknown): Promise<{ id: string; email: string; name: string } | null> {
  if (typeof tenantSlug !== "string" || typeof ticket !== "string" || !ticket) return null;
  const [tenant] = await db()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.slug, tenantSlug));
  if (!tenant) return null;
  return withTenant({ tenant }, async (tx) => {
    const [flow] = await tx
      .update(ssoFlows)
      .set({ consumedAt: new Date() })
      .where(
        and(
          eq(ssoFlows.tenantId, tenant.id),
          eq(ssoFlows.bindingHash, sha256Hex(ticket)),
          isNotNull(ssoFlows.userId),
          isNull(ssoFlows.consumedAt),
          gt(ssoFlows.expiresAt, new Date()),
        ),
      )
      .returning({ userId: ssoFlows.userId });
    if (!flow?.userId) return null;
    const [user] = await tx.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, flow.userId));
    return user ?? null;
  });
}

/** Where the browser goes after the session is issued. */
export async function flowReturnPath(tenantSlug: string, ticket: string): Promise<string | null> {
  const tenant = await tenantBySlug(tenantSlug).catch(() => null);
  if (!tenant) return null;
  const [flow] = await withTenant({ tenant }, (tx) =>
    tx
      .select({ returnPath: ssoFlows.returnPath })
      .from(ssoFlows)
      .where(and(eq(ssoFlows.tenantId, tenant.id), eq(ssoFlows.bindingHash, sha256Hex(ticket)))),
  );
  return flow?.returnPath ?? null;
}
