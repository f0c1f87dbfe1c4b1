import { setTimeout as sleep } from "node:timers/promises";
import { eq } from "drizzle-orm";
import { db, type Db } from "@/db/client";
import { integrations, oauthConnections, oauthRefreshEvents, type OAuthRefreshTrigger } from "@/db/schema";
import { emitEvent, recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { recordConnectionEvent, type ConnectionEvent } from "@/lib/integrations/connection-status";
import type { IntegrationRow } from "@/lib/integrations/view";
import { DEFAULT_REFRESH_MARGIN_SECONDS, oauthProfile, oauthSettings, type OAuthProfile } from "./settings";
import { requestToken, TokenEndpointError } from "./token-endpoint";
import { decryptTokens, lockConnection, saveTokens, type ConnectionRow } from "./token-store";

/** After a failed refresh, no further attempt for this long: a dead provider must not get a storm. */
export const REFRESH_COOL_DOWN_MS = 30_000;
const TRANSIENT_BACKOFF_MS = [500, 2_000];

type IntegrationRef = Pick<IntegrationRow, "id" | "tenantId">;

const unavailable = (message: string, retryAfterSeconds?: number) =>
  new AppError("failed_dependency", message, undefined, retryAfterSeconds);

/**
 * A token is refreshed this long before it expires: the provider's margin, but never more
 * than half the token's lifetime, or a provider issuing five-minute tokens would see a refresh
 * on every call.
 */
function marginMs(conn: ConnectionRow, profile: Pick<OAuthProfile, "refreshMarginSeconds">): number {
  const margin = profile.refreshMarginSeconds * 1000;
  if (!conn.expiresAt || !conn.tokenObtainedAt) return margin;
  return Math.min(margin, (conn.expiresAt.getTime() - conn.tokenObtainedAt.getTime()) / 2);
}

function isFresh(conn: ConnectionRow, profile: Pick<OAuthProfile, "refreshMarginSeconds">, now: number): boolean {
  return !conn.expiresAt || conn.expiresAt.getTime() - marginMs(conn, profile) > now;
}

function isExpired(conn: ConnectionRow, now: number): boolean {
  return conn.expiresAt !== null && conn.expiresAt.getTime() <= now;
}

function notConnected(conn: ConnectionRow | null): AppError {
  if (conn?.status === "expired")
    return unavailable(`The OAuth connection has expired: ${conn.statusReason ?? "reconnect it"}. Reconnect the integration.`);
  return unavailable("The integration is not connected: connect it to obtain an access token.");
}

async function readConnection(integrationId: string): Promise<ConnectionRow | null> {
  const [row] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, integrationId));
  return row ?? null;
}

async function loadIntegration(tx: Db, id: string): Promise<IntegrationRow> {
  const [row] = await tx.select().from(integrations).where(eq(integrations.id, id));
  if (!row) throw unavailable("The integration no longer exists.");
  return row;
}

/** A failed attempt says what it means for the integration's connection status, reported once the lock is released. */
type Attempt = { done: true; token: string } | { done: false; error: TokenEndpointError; connection?: ConnectionEvent };

async function recordRefresh(tx: Db, conn: ConnectionRow, trigger: OAuthRefreshTrigger, success: boolean, reason: string | null) {
  await tx.insert(oauthRefreshEvents).values({ tenantId: conn.tenantId, integrationId: conn.integrationId, trigger, success, reason });
}

/** What a refresh call asks the token endpoint for: a refresh grant, or for machine clients simply a new token. */
function refreshFields(conn: ConnectionRow): { fields: Record<string, string>; secrets: string[] } | null {
  const stored = decryptTokens(conn);
  if (conn.grantType === "client_credentials") {
    return {
      fields: { grant_type: "client_credentials", ...(conn.scopes.length ? { scope: conn.scopes.join(" ") } : {}) },
      secrets: stored ? [stored.access_token] : [],
    };
  }
  if (!stored?.refresh_token) return null;
  return {
    fields: { grant_type: "refresh_token", refresh_token: stored.refresh_token },
    secrets: [stored.refresh_token, stored.access_token],
  };
}

async function markExpired(tx: Db, conn: ConnectionRow, integration: IntegrationRow, reason: string) {
  await tx
    .update(oauthConnections)
    .set({ status: "expired", statusReason: reason, lastFailureAt: new Date(), lastFailureReason: reason })
    .where(eq(oauthConnections.integrationId, conn.integrationId));
  const target = { type: "integration", id: integration.id };
  await recordAudit(
    {
      tenantId: integration.tenantId,
      actor: SYSTEM_ACTOR,
      action: "integration.token.refresh_failed",
      target,
      details: { reason, status: "expired" },
    },
    tx,
  );
  await emitEvent(
    integration.tenantId,
    "integration.token.refresh_failed",
    { id: integration.id, name: integration.name, provider: integration.provider, reason, status: "expired" },
    tx,
  );
}

/**
 * One refresh under the connection's row lock, so only one caller in any process talks to
 * the token endpoint. The row is read again once the lock is held: a caller that waited
 * finds the token the other caller fetched and uses it.
 */
async function refreshUnderLock(
  integrationId: string,
  trigger: OAuthRefreshTrigger,
  requestedAt: number,
  lastAttempt: boolean,
): Promise<Attempt> {
  return db().transaction(async (tx) => {
    const conn = await lockConnection(tx, integrationId);
    if (!conn || conn.status !== "connected") throw notConnected(conn);
    const integration = await loadIntegration(tx, integrationId);
    const settings = oauthSettings(integration);
    const now = Date.now();
    const refreshedSinceAsked = conn.tokenObtainedAt !== null && conn.tokenObtainedAt.getTime() >= requestedAt;
    if (refreshedSinceAsked || (trigger !== "forced" && isFresh(conn, settings, now)))
      return { done: true, token: decryptTokens(conn)!.access_token };

    const request = refreshFields(conn);
    if (!request) {
      const reason = "The provider gave no refresh token, so the access token cannot be renewed";
      await recordRefresh(tx, conn, trigger, false, reason);
      const expired = isExpired(conn, now);
      if (expired) await markExpired(tx, conn, integration, reason);
      return {
        done: false,
        error: new TokenEndpointError("rejected", reason),
        ...(expired ? { connection: { kind: "refresh_failed", grantGone: true } as const } : {}),
      };
    }
    try {
      const response = await requestToken(settings, request.fields, request.secrets);
      const saved = await saveTokens(tx, { integrationId, tenantId: conn.tenantId }, response, {
        grantType: conn.grantType,
        previous: conn,
        requestedScopes: conn.scopes,
        connecting: false,
      });
      await recordRefresh(tx, saved, trigger, true, null);
      return { done: true, token: response.access_token };
    } catch (error) {
      if (!(error instanceof TokenEndpointError)) throw error;
      if (error.kind === "transient" && !lastAttempt) return { done: false, error };
      await recordRefresh(tx, conn, trigger, false, error.message);
      if (error.kind === "invalid_grant") await markExpired(tx, conn, integration, error.message);
      else
        await tx
          .update(oauthConnections)
          .set({ lastFailureAt: new Date(), lastFailureReason: error.message })
          .where(eq(oauthConnections.integrationId, integrationId));
      if (error.kind === "transient") return { done: false, error };
      return { done: false, error, connection: { kind: "refresh_failed", grantGone: error.kind === "invalid_grant" } };
    }
  });
}

async function refreshWithRetry(integrationId: string, trigger: OAuthRefreshTrigger): Promise<string> {
  const requestedAt = Date.now();
  for (let attempt = 0; ; attempt++) {
    const lastAttempt = attempt >= TRANSIENT_BACKOFF_MS.length;
    const result = await refreshUnderLock(integrationId, trigger, requestedAt, lastAttempt);
    if (result.done) return result.token;
    // After the transaction: the connection row is locked before the integration's there, the reverse of connecting.
    if (result.connection) await recordConnectionEvent(db(), integrationId, result.connection);
    if (result.error.kind !== "transient" || lastAttempt) throw result.error;
    await sleep(TRANSIENT_BACKOFF_MS[attempt]!);
  }
}

// Callers in this process share one refresh per integration; the row lock covers other processes.
const inFlight = new Map<string, Promise<string>>();

function singleFlight(integrationId: string, trigger: OAuthRefreshTrigger): Promise<string> {
  let pending = inFlight.get(integrationId);
  if (!pending) {
    pending = refreshWithRetry(integrationId, trigger).finally(() => inFlight.delete(integrationId));
    inFlight.set(integrationId, pending);
  }
  return pending;
}

function coolingDown(conn: ConnectionRow, now: number): number {
  if (!conn.lastFailureAt) return 0;
  return Math.max(0, conn.lastFailureAt.getTime() + REFRESH_COOL_DOWN_MS - now);
}

/**
 * A valid access token for the integration, refreshed first when it expires within the
 * margin (or always with `force`). Throws `failed_dependency` (424) with the reason when
 * there is no usable token: not connected, expired, or a refresh failed moments ago.
 */
export async function ensureAccessToken(integration: IntegrationRef, options: { trigger?: OAuthRefreshTrigger } = {}): Promise<string> {
  const trigger = options.trigger ?? "expiry";
  const conn = await readConnection(integration.id);
  if (!conn || conn.tenantId !== integration.tenantId || conn.status !== "connected") throw notConnected(conn);
  const now = Date.now();
  const current = decryptTokens(conn);
  // The profile, not the settings: a fresh token is answered without decrypting the client secret.
  const profile = oauthProfile(await loadIntegration(db(), integration.id)) ?? { refreshMarginSeconds: DEFAULT_REFRESH_MARGIN_SECONDS };
  if (current && trigger !== "forced" && isFresh(conn, profile, now)) return current.access_token;

  const wait = coolingDown(conn, now);
  if (wait > 0) {
    if (current && !isExpired(conn, now) && trigger !== "forced") return current.access_token;
    throw unavailable(
      `The last token refresh failed: ${conn.lastFailureReason ?? "unknown reason"} Patchbay retries in ${Math.ceil(wait / 1000)} s.`,
      Math.ceil(wait / 1000),
    );
  }
  try {
    return await singleFlight(integration.id, trigger);
  } catch (error) {
    if (!(error instanceof TokenEndpointError)) throw error;
    // A token that still works is worth more than a failed refresh: the caller keeps it until it expires.
    if (error.kind !== "invalid_grant" && current && !isExpired(conn, Date.now()) && trigger !== "forced") return current.access_token;
    throw unavailable(
      error.kind === "invalid_grant"
        ? `The provider refused the refresh: ${error.message} Reconnect the integration.`
        : `The token refresh failed: ${error.message}`,
    );
  }
}

/** What every outbound call uses: a token valid for at least the refresh margin. */
export function getAccessToken(integration: IntegrationRef): Promise<string> {
  return ensureAccessToken(integration);
}

/** The access and refresh tokens stored for the integration, so its redactor knows them too. */
export async function storedTokens(integration: IntegrationRef): Promise<string[]> {
  const conn = await readConnection(integration.id);
  if (!conn || conn.tenantId !== integration.tenantId) return [];
  const tokens = decryptTokens(conn);
  return tokens ? [tokens.access_token, tokens.refresh_token].filter((t): t is string => Boolean(t)) : [];
}
