import { forbidden, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { isUuid } from "@/lib/tenancy/data";
import { getConnectionView, saveOidcConnection, saveSamlConnection, ssoAvailable } from "./connection";
import { claimDomain, listDomains, removeDomain, verifyDomain, type DomainView } from "./domains";
import { memberAccess, setBreakGlass, setEnforcement } from "./enforce";
import { ssoUrls } from "./urls";

// The REST shapes of /api/v1/sso (snake_case, DESIGN §3); the settings page reads the same services.

const iso = (d: Date | null) => d?.toISOString() ?? null;

// SSO governs how the organisation's real members sign in: nothing a sandbox-only key may change.
function requireLiveKey(ctx: TenantContext): void {
  if (ctx.sandboxOnly) throw forbidden("A test-mode key cannot change single sign-on; use a live key.");
}

export async function ssoConfig(ctx: TenantContext, origin: string) {
  const connection = await getConnectionView(ctx);
  const urls = ssoUrls(origin, ctx.tenant.slug);
  return {
    available: ssoAvailable(),
    protocol: connection?.protocol ?? null,
    // The client secret is write-only: whether one is stored and, for a long one, its last 4 characters.
    oidc: connection?.oidc
      ? {
          issuer: connection.oidc.issuer,
          client_id: connection.oidc.clientId,
          scopes: connection.oidc.scopes,
          email_claim: connection.oidc.emailClaim,
          has_client_secret: connection.oidc.hasClientSecret,
          client_secret_hint: connection.oidc.secretHint,
        }
      : null,
    saml: connection?.saml
      ? {
          entity_id: connection.saml.entityId,
          sso_url: connection.saml.ssoUrl,
          certificate: connection.saml.certificate,
          metadata_url: connection.saml.metadataUrl,
        }
      : null,
    default_role: connection?.defaultRole ?? null,
    enforced: connection?.enforced ?? false,
    updated_at: iso(connection?.updatedAt ?? null),
    sp: {
      oidc_redirect_uri: urls.oidcRedirectUri,
      saml_entity_id: urls.samlEntityId,
      saml_acs_url: urls.samlAcsUrl,
      saml_metadata_url: urls.samlMetadataUrl,
    },
  };
}

export async function putOidcConfig(ctx: TenantContext, raw: unknown, origin: string) {
  requireLiveKey(ctx);
  await saveOidcConnection(ctx, raw);
  return ssoConfig(ctx, origin);
}

export async function putSamlConfig(ctx: TenantContext, raw: unknown, origin: string) {
  requireLiveKey(ctx);
  await saveSamlConnection(ctx, raw);
  return ssoConfig(ctx, origin);
}

function domainBody(d: DomainView) {
  return {
    id: d.id,
    domain: d.domain,
    txt_record: { name: d.recordName, value: d.recordValue },
    verified: d.verifiedAt !== null,
    verified_at: iso(d.verifiedAt),
    last_checked_at: iso(d.lastCheckedAt),
  };
}

export async function ssoDomains(ctx: TenantContext) {
  return { data: (await listDomains(ctx)).map(domainBody), next_cursor: null };
}

export async function addSsoDomain(ctx: TenantContext, raw: unknown) {
  requireLiveKey(ctx);
  return domainBody(await claimDomain(ctx, raw));
}

// A path id that is not a uuid names no domain: 404, as for another tenant's.
function domainId(id: string): string {
  if (!isUuid(id)) throw notFound("Domain");
  return id;
}

export async function checkSsoDomain(ctx: TenantContext, id: string) {
  requireLiveKey(ctx);
  return domainBody(await verifyDomain(ctx, { id: domainId(id) }));
}

export async function deleteSsoDomain(ctx: TenantContext, id: string) {
  requireLiveKey(ctx);
  await removeDomain(ctx, { id: domainId(id) });
}

/** The lockout preview: every member, and why enforcement would shut them out (null: they keep access). */
export async function ssoMembers(ctx: TenantContext) {
  const access = await memberAccess(ctx);
  return {
    enforced: access.enforced,
    verified_domains: access.domains,
    data: access.members.map((m) => ({
      user_id: m.userId,
      email: m.email,
      role: m.role,
      break_glass: m.breakGlass,
      has_sso_identity: m.hasSsoIdentity,
      in_verified_domain: m.inVerifiedDomain,
      lockout: m.lockout,
    })),
  };
}

export async function putBreakGlass(ctx: TenantContext, raw: unknown) {
  requireLiveKey(ctx);
  await setBreakGlass(ctx, raw);
  return ssoMembers(ctx);
}

export async function putEnforcement(ctx: TenantContext, raw: unknown) {
  requireLiveKey(ctx);
  await setEnforcement(ctx, raw);
  return ssoMembers(ctx);
}
