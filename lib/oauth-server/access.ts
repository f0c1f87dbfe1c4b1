import { and, eq } from "drizzle-orm";
import { oauthClients, oauthServerGrants, oauthServerTokens, tenants } from "@/db/schema";
import type { Scope } from "@/lib/api-keys/scopes";
import { sha256Hex } from "@/lib/crypto/hash";
import { consumeLeasedAll } from "@/lib/rate-limit";
import type { TenantRef } from "@/lib/tenancy/context";
import { withSystem } from "@/lib/tenancy/data";
import { cachedToken, rememberToken, tokenCacheGeneration, tokenCacheReady } from "./token-cache";

/** What a request needs of an access token; cached (frozen) between lookups. */
export type AccessGrant = {
  tokenId: string;
  grantId: string | null;
  expiresAt: Date;
  tenant: TenantRef;
  /** The token's scopes narrowed to the client's current ones. */
  scopes: readonly Scope[];
  client: { id: string; tenantId: string; clientId: string; name: string; rateLimitPerMinute: number; rateLimitPerHour: number };
  /** The admin who consented, for authorization-code grants; null for client_credentials. */
  consentedBy: { userId: string | null; label: string } | null;
};

async function lookup(hash: string, now: Date): Promise<AccessGrant | null> {
  const [row] = await withSystem("oauth token lookup", (sys) =>
    sys
      .select({
        tokenId: oauthServerTokens.id,
        grantId: oauthServerTokens.grantId,
        expiresAt: oauthServerTokens.expiresAt,
        revokedAt: oauthServerTokens.revokedAt,
        scopes: oauthServerTokens.scopes,
        grantRevokedAt: oauthServerGrants.revokedAt,
        userId: oauthServerGrants.userId,
        userLabel: oauthServerGrants.userLabel,
        tenant: { id: tenants.id, slug: tenants.slug, name: tenants.name },
        client: {
          id: oauthClients.id,
          tenantId: oauthClients.tenantId,
          clientId: oauthClients.clientId,
          name: oauthClients.name,
          scopes: oauthClients.scopes,
          rateLimitPerMinute: oauthClients.rateLimitPerMinute,
          rateLimitPerHour: oauthClients.rateLimitPerHour,
        },
      })
      .from(oauthServerTokens)
      .innerJoin(oauthClients, eq(oauthClients.id, oauthServerTokens.clientId))
      .innerJoin(tenants, eq(tenants.id, oauthServerTokens.tenantId))
      .leftJoin(oauthServerGrants, eq(oauthServerGrants.id, oauthServerTokens.grantId))
      .where(and(eq(oauthServerTokens.hash, hash), eq(oauthServerTokens.kind, "access"))),
  );
  if (!row || row.revokedAt || row.grantRevokedAt || row.expiresAt <= now) return null;
  const { scopes: clientScopes, ...client } = row.client;
  return Object.freeze({
    tokenId: row.tokenId,
    grantId: row.grantId,
    expiresAt: row.expiresAt,
    tenant: Object.freeze(row.tenant),
    scopes: Object.freeze(row.scopes.filter((s) => clientScopes.includes(s))),
    client: Object.freeze(client),
    consentedBy: row.grantId ? Object.freeze({ userId: row.userId, label: row.userLabel ?? "" }) : null,
  });
}

/**
 * The grant behind a presented access token, or null for anything unknown, expired or revoked.
 * Tokens that authenticated in the last few seconds come from memory; revocation reaches every
 * instance through the token cache's notifications.
 */
export async function authenticateAccessToken(presented: string, now = new Date()): Promise<AccessGrant | null> {
  const hash = sha256Hex(presented);
  const ready = tokenCacheReady();
  const cacheable = typeof ready === "boolean" ? ready : await ready;
  const cached = cacheable ? cachedToken<AccessGrant>(hash, now) : undefined;
  if (cached) return cached.expiresAt > now ? cached : null;
  const generation = tokenCacheGeneration();
  const found = await lookup(hash, now);
  if (found && cacheable)
    rememberToken(hash, found, { tokenId: found.tokenId, grantId: found.grantId, clientId: found.client.id }, generation, now);
  return found;
}

/** Per client, whichever tenant it acts in: the same windows API keys have, shared by every instance. */
export async function consumeClientLimits(grant: AccessGrant, now = new Date()) {
  const { states, over } = await consumeLeasedAll(
    [
      { key: `oauthclient:${grant.client.id}:minute`, rule: { limit: grant.client.rateLimitPerMinute, windowSeconds: 60 } },
      { key: `oauthclient:${grant.client.id}:hour`, rule: { limit: grant.client.rateLimitPerHour, windowSeconds: 3600 } },
    ],
    now,
  );
  if (over) return { allowed: false, state: { ...over, remaining: 0 } };
  return { allowed: true, state: states.reduce((tightest, s) => (s.remaining < tightest.remaining ? s : tightest)) };
}
