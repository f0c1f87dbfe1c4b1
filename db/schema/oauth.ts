import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import { createdAt, id } from "./columns";
import { integrations } from "./integrations";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

export type OAuthConnectionStatus = "connected" | "disconnected" | "expired";
export type OAuthGrantType = "authorization_code" | "client_credentials";
/** Who started a connect: an admin in the browser, or an API caller (a key, or an app with an access token). */
export type ConnectInitiator = "user" | "api_key" | "oauth_client";
export type OAuthRefreshTrigger = "expiry" | "forced" | "scheduled";

/**
 * One pending authorization per row. Only a hash of the state is kept, so a database read
 * cannot complete someone's flow; `usedAt` makes it single use.
 */
export const oauthStates = pgTable(
  "oauth_states",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    stateHash: text("state_hash").notNull(),
    initiatorType: text("initiator_type").$type<ConnectInitiator>().notNull(),
    initiatorId: text("initiator_id"),
    initiatorLabel: text("initiator_label"),
    // Set for states made in the UI: only that user's session may complete them.
    boundUserId: uuid("bound_user_id"),
    // encryptSecret output bound to (tenant, oauth_states, id, code_verifier).
    codeVerifier: text("code_verifier"),
    redirectUri: text("redirect_uri").notNull(),
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    returnPath: text("return_path").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_states_tenant_idx").on(t.tenantId),
    uniqueIndex("oauth_states_hash_idx").on(t.stateHash),
    index("oauth_states_expires_idx").on(t.expiresAt),
  ],
);

/**
 * The OAuth side of an integration, one row per integration. Its status is the connection's,
 * kept apart from `integrations.status` (whether the admin enabled the integration at all).
 */
export const oauthConnections = pgTable(
  "oauth_connections",
  {
    integrationId: uuid("integration_id")
      .primaryKey()
      .references(() => integrations.id, { onDelete: "cascade" }),
    tenantId: tenantId(),
    status: text("status").$type<OAuthConnectionStatus>().notNull(),
    grantType: text("grant_type").$type<OAuthGrantType>().notNull(),
    // encryptJson({access_token, refresh_token?}) bound to (tenant, oauth_connections, integration_id, tokens).
    tokens: text("tokens"),
    tokenType: text("token_type"),
    scopes: text("scopes")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    accountLabel: text("account_label"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    hasRefreshToken: boolean("has_refresh_token").notNull().default(false),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    // When the current access token was issued; with expiresAt it gives the token's lifetime.
    tokenObtainedAt: timestamp("token_obtained_at", { withTimezone: true }),
    lastRefreshedAt: timestamp("last_refreshed_at", { withTimezone: true }),
    // The last refresh failure; cleared by the next success. Drives the cool-down and the 424 answer.
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }),
    lastFailureReason: text("last_failure_reason"),
    statusReason: text("status_reason"),
    updatedAt: timestamp("updated_at", { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_connections_tenant_idx").on(t.tenantId),
    index("oauth_connections_expiry_idx").on(t.status, t.expiresAt),
    check("oauth_connections_status_check", sql`${t.status} in ('connected', 'disconnected', 'expired')`),
    check("oauth_connections_grant_check", sql`${t.grantType} in ('authorization_code', 'client_credentials')`),
  ],
);

export const oauthRefreshEvents = pgTable(
  "oauth_refresh_events",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    trigger: text("trigger").$type<OAuthRefreshTrigger>().notNull(),
    success: boolean("success").notNull(),
    reason: text("reason"),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("oauth_refresh_events_tenant_idx").on(t.tenantId),
    index("oauth_refresh_events_integration_idx").on(t.integrationId, t.createdAt),
  ],
);

export const OAUTH_TOKENS_COLUMN = encryptedColumn("oauth_connections", "tokens", "integration_id");
export const OAUTH_CODE_VERIFIER_COLUMN = encryptedColumn("oauth_states", "code_verifier");
export const OAUTH_ENCRYPTED_COLUMNS = [OAUTH_TOKENS_COLUMN, OAUTH_CODE_VERIFIER_COLUMN];
