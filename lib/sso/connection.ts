import { eq } from "drizzle-orm";
import { SSO_CLIENT_SECRET_COLUMN, ssoConnections, type SsoProtocol } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { contextFor, decryptSecret, encryptSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { invalid } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";
import type { Role } from "@/lib/tenancy/roles";
import { checkIssuer } from "./oidc";
import { resolveSamlIdp } from "./saml-config";
import { oidcConfigSchema, samlConfigSchema } from "./schema";

export type SsoConnectionRow = typeof ssoConnections.$inferSelect;

/** What the settings page shows: never the client secret, only whether one is stored and its last characters. */
export type SsoConnectionView = {
  protocol: SsoProtocol;
  oidc: {
    issuer: string;
    clientId: string;
    scopes: string[];
    emailClaim: string;
    hasClientSecret: boolean;
    secretHint: string | null;
  } | null;
  saml: { entityId: string; ssoUrl: string; certificate: string; metadataUrl: string | null } | null;
  defaultRole: Role;
  enforced: boolean;
  updatedAt: Date;
};

export function ssoAvailable(): boolean {
  return env().sso !== null;
}

export async function loadConnection(scope: TenantScope): Promise<SsoConnectionRow | null> {
  return withTenant(scope, async (tx) => {
    const [row] = await tx.select().from(ssoConnections).where(eq(ssoConnections.tenantId, scope.tenant.id));
    return row ?? null;
  });
}

export function clientSecretOf(row: SsoConnectionRow): string {
  if (!row.oidcClientSecret) return "";
  return decryptSecret(row.oidcClientSecret, contextFor(SSO_CLIENT_SECRET_COLUMN, { id: row.tenantId, tenantId: row.tenantId }));
}

export async function getConnectionView(ctx: TenantContext): Promise<SsoConnectionView | null> {
  requireRole(ctx, "owner");
  const row = await loadConnection(ctx);
  if (!row) return null;
  const secret = row.protocol === "oidc" ? clientSecretOf(row) : "";
  return {
    protocol: row.protocol,
    oidc:
      row.protocol === "oidc"
        ? {
            issuer: row.oidcIssuer ?? "",
            clientId: row.oidcClientId ?? "",
            scopes: row.oidcScopes,
            emailClaim: row.oidcEmailClaim,
            hasClientSecret: secret !== "",
            secretHint: secret.length >= 12 ? `…${secret.slice(-4)}` : null,
          }
        : null,
    saml:
      row.protocol === "saml"
        ? {
            entityId: row.samlIdpEntityId ?? "",
            ssoUrl: row.samlIdpSsoUrl ?? "",
            certificate: row.samlIdpCertificate ?? "",
            metadataUrl: row.samlMetadataUrl,
          }
        : null,
    defaultRole: row.defaultRole,
    enforced: row.enforced,
    updatedAt: row.updatedAt,
  };
}

function requireSsoAvailable() {
  if (!ssoAvailable()) {
    throw invalid("Single sign-on is off on this server: the operator sets PATCHBAY_SSO_SP_PRIVATE_KEY and PATCHBAY_SSO_SP_CERTIFICATE.");
  }
}

export async function saveOidcConnection(ctx: TenantContext, raw: unknown): Promise<void> {
  requireRole(ctx, "owner");
  requireSsoAvailable();
  const input = oidcConfigSchema.parse(raw);
  const existing = await loadConnection(ctx);
  const clientSecret = input.client_secret || (existing?.protocol === "oidc" ? clientSecretOf(existing) : "");
  if (!clientSecret) throw invalid("Enter the client secret.", { client_secret: "Enter the client secret." });
  await checkIssuer({ issuer: input.issuer, clientId: input.client_id, clientSecret });
  const values = {
    protocol: "oidc" as const,
    oidcIssuer: input.issuer,
    oidcClientId: input.client_id,
    oidcClientSecret: encryptSecret(clientSecret, contextFor(SSO_CLIENT_SECRET_COLUMN, { id: ctx.tenant.id, tenantId: ctx.tenant.id })),
    oidcScopes: input.scopes,
    oidcEmailClaim: input.email_claim,
    samlIdpEntityId: null,
    samlIdpSsoUrl: null,
    samlIdpCertificate: null,
    samlMetadataUrl: null,
    defaultRole: input.default_role,
  };
  await withTenant(ctx, async (tx) => {
    await tx
      .insert(ssoConnections)
      .values({ tenantId: ctx.tenant.id, ...values })
      .onConflictDoUpdate({ target: ssoConnections.tenantId, set: values });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sso.configured",
        target: { type: "sso_connection", id: ctx.tenant.id },
        details: {
          protocol: "oidc",
          issuer: input.issuer,
          clientId: input.client_id,
          scopes: input.scopes,
          emailClaim: input.email_claim,
          defaultRole: input.default_role,
          clientSecretChanged: input.client_secret !== "",
        },
      },
      tx,
    );
  });
}

export async function saveSamlConnection(ctx: TenantContext, raw: unknown): Promise<void> {
  requireRole(ctx, "owner");
  requireSsoAvailable();
  const input = samlConfigSchema.parse(raw);
  const idp = await resolveSamlIdp(input);
  const values = {
    protocol: "saml" as const,
    oidcIssuer: null,
    oidcClientId: null,
    oidcClientSecret: null,
    oidcScopes: [],
    samlIdpEntityId: idp.entityId,
    samlIdpSsoUrl: idp.ssoUrl,
    samlIdpCertificate: idp.certificate,
    samlMetadataUrl: input.metadata_url || null,
    defaultRole: input.default_role,
  };
  await withTenant(ctx, async (tx) => {
    await tx
      .insert(ssoConnections)
      .values({ tenantId: ctx.tenant.id, ...values })
      .onConflictDoUpdate({ target: ssoConnections.tenantId, set: values });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sso.configured",
        target: { type: "sso_connection", id: ctx.tenant.id },
        details: {
          protocol: "saml",
          entityId: idp.entityId,
          ssoUrl: idp.ssoUrl,
          metadataUrl: input.metadata_url || null,
          defaultRole: input.default_role,
        },
      },
      tx,
    );
  });
}
