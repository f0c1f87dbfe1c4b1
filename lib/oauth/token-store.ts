import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { OAUTH_TOKENS_COLUMN, oauthConnections, type OAuthGrantType } from "@/db/schema";
import { contextFor, decryptJson, encryptJson } from "@/lib/crypto";
import type { TokenResponse } from "./token-endpoint";

export type ConnectionRow = typeof oauthConnections.$inferSelect;
export type StoredTokens = { access_token: string; refresh_token?: string };

const tokenContext = (ref: { integrationId: string; tenantId: string }) =>
  contextFor(OAUTH_TOKENS_COLUMN, { id: ref.integrationId, tenantId: ref.tenantId });

export function decryptTokens(row: Pick<ConnectionRow, "integrationId" | "tenantId" | "tokens">): StoredTokens | null {
  return row.tokens ? (decryptJson(row.tokens, tokenContext(row)) as StoredTokens) : null;
}

/** Who consented, from the ID token's claims when the provider sent one (display only, so not verified). */
function accountOf(idToken: string | undefined): string | null {
  const payload = idToken?.split(".")[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    const label = [claims.email, claims.preferred_username, claims.name, claims.sub].find((v) => typeof v === "string" && v);
    return label ? String(label).slice(0, 200) : null;
  } catch {
    return null;
  }
}

/**
 * Stores a token response over what the connection had. A response without a refresh token
 * keeps the old one (providers that do not rotate leave it out), and one without a scope
 * keeps the scopes granted before.
 */
export async function saveTokens(
  tx: Db,
  ref: { integrationId: string; tenantId: string },
  response: TokenResponse,
  options: { grantType: OAuthGrantType; previous: ConnectionRow | null; requestedScopes: string[]; connecting: boolean; now?: Date },
): Promise<ConnectionRow> {
  const now = options.now ?? new Date();
  const previousTokens = options.previous && !options.connecting ? decryptTokens(options.previous) : null;
  const refreshToken = response.refresh_token ?? previousTokens?.refresh_token;
  const tokens: StoredTokens = refreshToken
    ? { access_token: response.access_token, refresh_token: refreshToken }
    : { access_token: response.access_token };
  const scopes =
    response.scope !== undefined
      ? response.scope.split(" ").filter(Boolean)
      : options.connecting
        ? options.requestedScopes
        : (options.previous?.scopes ?? []);
  const values = {
    status: "connected" as const,
    grantType: options.grantType,
    tokens: encryptJson(tokens, tokenContext(ref)),
    tokenType: response.token_type ?? "Bearer",
    scopes,
    expiresAt: response.expires_in ? new Date(now.getTime() + response.expires_in * 1000) : null,
    hasRefreshToken: Boolean(refreshToken),
    tokenObtainedAt: now,
    lastFailureAt: null,
    lastFailureReason: null,
    statusReason: null,
    ...(options.connecting ? { connectedAt: now, accountLabel: accountOf(response.id_token) } : { lastRefreshedAt: now }),
  };
  const [row] = await tx
    .insert(oauthConnections)
    .values({ ...ref, ...values })
    .onConflictDoUpdate({ target: oauthConnections.integrationId, set: values })
    .returning();
  return row!;
}

export async function lockConnection(tx: Db, integrationId: string): Promise<ConnectionRow | null> {
  const [row] = await tx.select().from(oauthConnections).where(eq(oauthConnections.integrationId, integrationId)).for("update");
  return row ?? null;
}
