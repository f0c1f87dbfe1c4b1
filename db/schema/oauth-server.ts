import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { Scope } from "@/lib/api-keys/scopes";
import { createdAt, id, timestamps } from "./columns";
import { tenantId, users } from "./tenancy";
import { tenantIsolation } from "./rls";

export type OAuthServerGrantType = "authorization_code" | "client_credentials" | "refresh_token";
export type OAuthClientType = "confidential" | "public";

/**
 * Apps registered to call Patchbay's API through OAuth (Patchbay as the authorization server).
 * The row belongs to the tenant that registered the app; with authorization codes the app may
 * act for other tenants whose admins consent (their grants live in oauth_server_grants).
 */
export const oauthClients = pgTable(
  "oauth_clients",
  {
    id: id(),
    tenantId: tenantId(),
    name: text("name").notNull(),
    // The public client_id (pbo_client_…), what apps send and people see.
    clientId: text("client_id").notNull().unique(),
    type: text("type").$type<OAuthClientType>().notNull(),
    // SHA-256 of the secret, like API keys; null for public clients, which have none.
    secretHash: text("secret_hash"),
    // The secret's last four characters, so an owner can tell which one a deployment holds.
    secretHint: text("secret_hint"),
    redirectUris: jsonb("redirect_uris").$type<string[]>().notNull().default([]),
    scopes: jsonb("scopes").$type<Scope[]>().notNull().default([]),
    grantTypes: jsonb("grant_types").$type<OAuthServerGrantType[]>().notNull().default([]),
    rateLimitPerMinute: integer("rate_limit_per_minute").notNull().default(600),
    rateLimitPerHour: integer("rate_limit_per_hour").notNull().default(20000),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    secretRotatedAt: timestamp("secret_rotated_at", { withTimezone: true }),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_clients_tenant_idx").on(t.tenantId),
    check("oauth_clients_type_check", sql`${t.type} in ('confidential', 'public')`),
  ],
);

/**
 * One consent: an admin of `tenantId` let a client act there with `scopes`. The authorization
 * code that the consent produced lives on the row (hashed, single use): a replayed code revokes
 * the grant and every token issued from it, as RFC 6749 §4.1.2 advises.
 */
export const oauthServerGrants = pgTable(
  "oauth_server_grants",
  {
    id: id(),
    tenantId: tenantId(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    // The client's name when consent was given: the client row may belong to another tenant.
    clientName: text("client_name").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    userLabel: text("user_label").notNull(),
    scopes: jsonb("scopes").$type<Scope[]>().notNull(),
    redirectUri: text("redirect_uri").notNull(),
    codeHash: text("code_hash").notNull().unique(),
    codeChallenge: text("code_challenge").notNull(),
    codeExpiresAt: timestamp("code_expires_at", { withTimezone: true }).notNull(),
    codeUsedAt: timestamp("code_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_server_grants_tenant_idx").on(t.tenantId),
    index("oauth_server_grants_client_idx").on(t.clientId),
  ],
);

/**
 * Access and refresh tokens, by SHA-256 only. A refresh token is single use: redeeming it sets
 * `usedAt` and issues a new pair; presenting it again revokes the whole grant (reuse detection).
 */
export const oauthServerTokens = pgTable(
  "oauth_server_tokens",
  {
    id: id(),
    tenantId: tenantId(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    // Null for client_credentials tokens, which stand for the client itself.
    grantId: uuid("grant_id").references(() => oauthServerGrants.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"access" | "refresh">().notNull(),
    hash: text("hash").notNull().unique(),
    scopes: jsonb("scopes").$type<Scope[]>().notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_server_tokens_tenant_idx").on(t.tenantId),
    index("oauth_server_tokens_client_idx").on(t.clientId),
    index("oauth_server_tokens_grant_idx").on(t.grantId),
    check("oauth_server_tokens_kind_check", sql`${t.kind} in ('access', 'refresh')`),
  ],
);

/** Which scopes a client's tokens were actually used for, per day, to suggest narrowing the rest. */
export const oauthClientScopeUsage = pgTable(
  "oauth_client_scope_usage",
  {
    tenantId: tenantId(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => oauthClients.id, { onDelete: "cascade" }),
    scope: text("scope").$type<Scope>().notNull(),
    day: date("day", { mode: "string" }).notNull(),
    requests: integer("requests").notNull().default(0),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_client_scope_usage_tenant_idx").on(t.tenantId),
    primaryKey({ columns: [t.clientId, t.scope, t.day] }),
  ],
);
