import { and, desc, eq, isNull, lt, lte, or } from "drizzle-orm";
import { db } from "@/db/client";
import { integrations, oauthConnections, oauthRefreshEvents } from "@/db/schema";
import { emitEvent, recordAudit } from "@/lib/audit";
import { logError } from "@/lib/log";
import { recordConnectionEvent } from "@/lib/integrations/connection-status";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { ensureAccessToken, REFRESH_COOL_DOWN_MS } from "./access-token";
import { refreshTokenSchema } from "./schema";
import { DEFAULT_REFRESH_MARGIN_SECONDS, oauthProfile, oauthSettings } from "./settings";
import { revokeToken, TokenEndpointError } from "./token-endpoint";
import { decryptTokens, lockConnection } from "./token-store";
import { connectionView, refreshEventView, type ConnectionView, type RefreshEventView } from "./view";

const HISTORY = 20;

export type OAuthOverview = {
  connection: ConnectionView;
  history: RefreshEventView[];
  /** What connecting involves, for the page: null when the integration does not use OAuth2 or lacks endpoints. */
  profile: {
    grant_type: "authorization_code" | "client_credentials";
    default_scopes: string[];
    revocable: boolean;
    has_client_credentials: boolean;
  } | null;
};

export async function getOAuthConnection(ctx: TenantContext, id: string): Promise<OAuthOverview> {
  requireRole(ctx, "viewer");
  const integration = await loadOwned(integrations, ctx, id);
  const [row] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, integration.id));
  const history = await db()
    .select()
    .from(oauthRefreshEvents)
    .where(eq(oauthRefreshEvents.integrationId, integration.id))
    .orderBy(desc(oauthRefreshEvents.createdAt))
    .limit(HISTORY);
  const profile = oauthProfile(integration);
  return {
    connection: connectionView(row ?? null),
    history: history.map(refreshEventView),
    profile: profile && {
      grant_type: profile.grantType,
      default_scopes: profile.scopes,
      revocable: profile.revokeUrl !== null,
      has_client_credentials: integration.credentials !== null,
    },
  };
}

/** Refreshes now when the token is due (or always with `force`); answers the connection afterwards. */
export async function refreshToken(ctx: TenantContext, id: string, raw: unknown = {}): Promise<ConnectionView> {
  requireRole(ctx, "admin");
  const input = refreshTokenSchema.parse(raw);
  const integration = await loadOwned(integrations, ctx, id);
  await ensureAccessToken(integration, { trigger: input.force ? "forced" : "expiry" });
  const [row] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, integration.id));
  return connectionView(row ?? null);
}

export type DisconnectResult = { connection: ConnectionView; revoked: boolean; revocation_error: string | null };

/**
 * Revokes the tokens at the provider (RFC 7009) where it has an endpoint, then forgets them.
 * A provider that cannot be reached does not keep the tokens here: they are deleted either
 * way, and the answer says revocation failed so the admin can revoke at the provider.
 */
export async function disconnect(ctx: TenantContext, id: string): Promise<DisconnectResult> {
  requireRole(ctx, "admin");
  return withTenant(ctx, async (tx) => {
    const integration = await loadOwned(integrations, ctx, id, { lock: true });
    const conn = await lockConnection(tx, integration.id);
    // Nothing to revoke or forget: answering the same state again keeps a retried call harmless.
    if (!conn || conn.status === "disconnected") return { connection: connectionView(conn), revoked: false, revocation_error: null };
    const tokens = decryptTokens(conn);
    let revoked = false;
    let revocationError: string | null = null;
    if (tokens) {
      const settings = oauthSettings(integration);
      if (settings.revokeUrl) {
        try {
          // Revoking the refresh token ends the grant at most providers; the access token goes too for the rest.
          if (tokens.refresh_token) await revokeToken(settings, tokens.refresh_token, "refresh_token");
          await revokeToken(settings, tokens.access_token, "access_token");
          revoked = true;
        } catch (error) {
          if (!(error instanceof TokenEndpointError)) throw error;
          revocationError = error.message;
        }
      }
    }
    const changes = {
      status: "disconnected" as const,
      tokens: null,
      hasRefreshToken: false,
      expiresAt: null,
      tokenObtainedAt: null,
      statusReason: null,
      lastFailureAt: null,
      lastFailureReason: null,
    };
    const [row] = await tx.update(oauthConnections).set(changes).where(eq(oauthConnections.integrationId, integration.id)).returning();
    await recordConnectionEvent(tx, integration.id, { kind: "disconnected" });
    const details = { revoked, ...(revocationError ? { revocation_error: revocationError } : {}) };
    const target = { type: "integration", id: integration.id };
    await recordAudit({ tenantId: ctx.tenant.id, actor: ctx.actor, action: "integration.disconnected", target, details }, tx);
    await emitEvent(
      ctx.tenant.id,
      "integration.disconnected",
      { id: integration.id, name: integration.name, provider: integration.provider, ...details },
      tx,
    );
    return { connection: connectionView(row!), revoked, revocation_error: revocationError };
  });
}

/**
 * The scheduled job: looks at every connected token expiring within twice the default margin
 * that is not cooling down after a failure; ensureAccessToken renews those inside their
 * provider's margin. Failures are recorded by the refresh itself.
 */
export async function refreshDueTokens(now = new Date()): Promise<{ refreshed: number; failed: number }> {
  const horizon = new Date(now.getTime() + 2 * DEFAULT_REFRESH_MARGIN_SECONDS * 1000);
  const due = await db()
    .select({ integrationId: oauthConnections.integrationId, tenantId: oauthConnections.tenantId })
    .from(oauthConnections)
    .where(
      and(
        eq(oauthConnections.status, "connected"),
        or(eq(oauthConnections.hasRefreshToken, true), eq(oauthConnections.grantType, "client_credentials")),
        lte(oauthConnections.expiresAt, horizon),
        or(isNull(oauthConnections.lastFailureAt), lt(oauthConnections.lastFailureAt, new Date(now.getTime() - REFRESH_COOL_DOWN_MS))),
      ),
    )
    .limit(500);
  let refreshed = 0;
  let failed = 0;
  for (const row of due) {
    try {
      await ensureAccessToken({ id: row.integrationId, tenantId: row.tenantId }, { trigger: "scheduled" });
      refreshed++;
    } catch (error) {
      failed++;
      if (!(error instanceof Error && error.name === "AppError"))
        logError("scheduled token refresh failed", error, { integration_id: row.integrationId });
    }
  }
  return { refreshed, failed };
}
