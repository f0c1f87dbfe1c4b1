import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import type { Role } from "@/lib/tenancy/roles";
import { createdAt, id, timestamps } from "./columns";
import { tenantId, users } from "./tenancy";
import { tenantIsolation } from "./rls";

export type SsoProtocol = "oidc" | "saml";

/** A tenant's identity provider: one per tenant, OIDC or SAML 2.0. */
export const ssoConnections = pgTable(
  "sso_connections",
  {
    tenantId: tenantId().primaryKey(),
    protocol: text("protocol").$type<SsoProtocol>().notNull(),
    oidcIssuer: text("oidc_issuer"),
    oidcClientId: text("oidc_client_id"),
    oidcClientSecret: text("oidc_client_secret"),
    oidcScopes: text("oidc_scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    oidcEmailClaim: text("oidc_email_claim").notNull().default("email"),
    samlIdpEntityId: text("saml_idp_entity_id"),
    samlIdpSsoUrl: text("saml_idp_sso_url"),
    samlIdpCertificate: text("saml_idp_certificate"),
    // Where the IdP metadata came from, shown back to the admin; the parsed values above are what sign-in uses.
    samlMetadataUrl: text("saml_metadata_url"),
    defaultRole: text("default_role").$type<Role>().notNull().default("viewer"),
    enforced: boolean("enforced").notNull().default(false),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    check("sso_connections_protocol_check", sql`${t.protocol} in ('oidc', 'saml')`),
    check("sso_connections_default_role_check", sql`${t.defaultRole} in ('admin', 'viewer')`),
  ],
);

/** A domain a tenant claims; proven by a DNS TXT record, after which it routes sign-in to the tenant's SSO. */
export const ssoDomains = pgTable(
  "sso_domains",
  {
    id: id(),
    tenantId: tenantId(),
    domain: text("domain").notNull(),
    verificationToken: text("verification_token").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("sso_domains_tenant_domain_idx").on(t.tenantId, t.domain),
    // A verified domain belongs to one tenant, or sign-in could not tell where to send its users.
    uniqueIndex("sso_domains_verified_idx")
      .on(t.domain)
      .where(sql`${t.verifiedAt} is not null`),
  ],
);

/**
 * One sign-in attempt through a tenant's IdP, from the login page to the session. Only hashes of
 * the OIDC state and of the browser-binding cookie are kept; the PKCE verifier is encrypted.
 */
export const ssoFlows = pgTable(
  "sso_flows",
  {
    id: id(),
    tenantId: tenantId(),
    protocol: text("protocol").$type<SsoProtocol>().notNull(),
    stateHash: text("state_hash").notNull().unique(),
    bindingHash: text("binding_hash").notNull().unique(),
    nonce: text("nonce"),
    codeVerifier: text("code_verifier"),
    // The SAML AuthnRequest ID the response must answer (InResponseTo).
    requestId: text("request_id"),
    returnPath: text("return_path").notNull().default("/"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // Set once the IdP's answer checked out; the session is issued when the browser that started the flow comes back.
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    authenticatedAt: timestamp("authenticated_at", { withTimezone: true }),
    consumedAt: timestamp("consumed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), index("sso_flows_expiry_idx").on(t.expiresAt), index("sso_flows_request_idx").on(t.tenantId, t.requestId)],
);

/** SAML assertion ids already accepted, kept until the assertion would have expired anyway: each is single-use. */
export const ssoAssertions = pgTable(
  "sso_assertions",
  {
    tenantId: tenantId(),
    assertionId: text("assertion_id").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), primaryKey({ columns: [t.tenantId, t.assertionId] })],
);

/** The IdP subject a user signed in as, per tenant: who has an SSO identity (the lockout preview asks). */
export const ssoIdentities = pgTable(
  "sso_identities",
  {
    tenantId: tenantId(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    protocol: text("protocol").$type<SsoProtocol>().notNull(),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    primaryKey({ columns: [t.tenantId, t.subject] }),
    index("sso_identities_user_idx").on(t.tenantId, t.userId),
  ],
);

/** Owners who keep password sign-in while SSO is enforced, so an IdP outage cannot lock the tenant out. */
export const ssoBreakGlass = pgTable(
  "sso_break_glass",
  {
    tenantId: tenantId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), primaryKey({ columns: [t.tenantId, t.userId] })],
);

export const SSO_CLIENT_SECRET_COLUMN = encryptedColumn("sso_connections", "oidc_client_secret", "tenant_id");
export const SSO_CODE_VERIFIER_COLUMN = encryptedColumn("sso_flows", "code_verifier");
export const SSO_ENCRYPTED_COLUMNS = [SSO_CLIENT_SECRET_COLUMN, SSO_CODE_VERIFIER_COLUMN];
