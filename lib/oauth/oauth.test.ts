import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { expectCatalogued } from "@/tests/event-catalog";
import {
  auditEvents,
  integrationRequestLogs,
  OAUTH_TOKENS_COLUMN,
  oauthConnections,
  oauthRefreshEvents,
  oauthStates,
  outboxEvents,
} from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { keyContext } from "@/lib/api/key-context";
import { authenticateApiKey } from "@/lib/api-keys";
import { contextFor, decryptJson, keyVersionOf, parseKeyring, reencryptAll } from "@/lib/crypto";
import { ENCRYPTED_COLUMNS } from "@/lib/runtime/encrypted-columns";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listRequestLogs,
  testConnection,
  updateIntegration,
} from "@/lib/integrations";
import { flushIntegrationUsage } from "@/lib/integrations/usage";
import { runInstance } from "@/tests/peers/instance";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { signInAndConsent, startOidcProvider, type OidcPeer, type PeerClient } from "@/tests/peers/oidc-provider";
import { ownerContext } from "@/tests/fixtures";
import { bootstrap } from "@/lib/tenancy";
import type { TenantContext } from "@/lib/tenancy/context";
import {
  completeAuthorization,
  disconnect,
  getAccessToken,
  getOAuthConnection,
  refreshDueTokens,
  refreshToken,
  startConnect,
} from "./index";
import { decryptTokens } from "./token-store";

// The provider listens on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const ORIGIN = "http://patchbay.test";
const REDIRECT_URI = `${ORIGIN}/api/oauth/callback`;
const SECRET = "peer-client-secret-0123456789abcdef";

const peers: OidcPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

// Every token the tests see, and everything Patchbay wrote to the console, for the leak check.
const seenTokens = new Set<string>();
let consoleOutput: string[] = [];
beforeEach(() => {
  consoleOutput = [];
  for (const method of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleOutput.push(args.map(String).join(" ")));
  }
});
afterEach(() => vi.restoreAllMocks());

async function provider(client: Partial<PeerClient> = {}, options: { accessTokenTtlSeconds?: number; tokenDelayMs?: number } = {}) {
  const peer = await startOidcProvider({
    clients: [{ clientId: "patchbay", clientSecret: SECRET, auth: "client_secret_basic", redirectUris: [REDIRECT_URI], ...client }],
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    tokenDelayMs: options.tokenDelayMs,
  });
  peers.push(peer);
  return peer;
}

async function oauthIntegration(
  owner: TenantContext,
  peer: OidcPeer,
  oauth: Record<string, unknown> = {},
  baseUrl = "https://api.example.test",
) {
  return createIntegration(owner, {
    name: `IdP ${Math.random().toString(36).slice(2, 8)}`,
    provider: "custom_oauth2",
    auth_type: "oauth2",
    base_url: baseUrl,
    credentials: { client_id: "patchbay", client_secret: SECRET },
    config: {
      oauth: { authorize_url: peer.authorizeUrl, token_url: peer.tokenUrl, revoke_url: peer.revokeUrl, scopes: ["openid"], ...oauth },
    },
  });
}

async function stored(integrationId: string) {
  const [row] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, integrationId));
  const tokens = row ? decryptTokens(row) : null;
  if (tokens?.access_token) seenTokens.add(tokens.access_token);
  if (tokens?.refresh_token) seenTokens.add(tokens.refresh_token);
  return { row: row!, tokens };
}

async function connected(owner: TenantContext, peer: OidcPeer, oauth: Record<string, unknown> = {}) {
  const integration = await oauthIntegration(owner, peer, oauth);
  const started = await startConnect(owner, integration.id, { scopes: "email" }, ORIGIN);
  if (started.kind !== "authorize") throw new Error("expected an authorization URL");
  const back = await signInAndConsent(started.authorization_url, { login: "alice" });
  const outcome = await completeAuthorization(
    { state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: null, errorDescription: null },
    owner.userId!,
  );
  expect(outcome).toEqual({ ok: true, returnPath: `/t/${owner.tenant.slug}/integrations/${integration.id}/oauth` });
  return { id: integration.id, tenantId: owner.tenant.id, started, back };
}

/** Pretends an hour passed: the token, issued an hour ago, now expires within the refresh margin. */
async function expireSoon(integrationId: string, seconds = 60) {
  await db()
    .update(oauthConnections)
    .set({ expiresAt: new Date(Date.now() + seconds * 1000), tokenObtainedAt: new Date(Date.now() - 3600_000) })
    .where(eq(oauthConnections.integrationId, integrationId));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("connecting with the authorization code flow", () => {
  it("sends the admin to the provider with PKCE, exchanges the code and stores the tokens encrypted", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, started, back } = await connected(owner, peer);

    const url = new URL(started.kind === "authorize" ? started.authorization_url : "");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "patchbay",
      redirect_uri: REDIRECT_URI,
      scope: "openid email",
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(url.searchParams.get("state")!, "base64url")).toHaveLength(32);
    expect(back.origin + back.pathname).toBe(REDIRECT_URI);

    const { row, tokens } = await stored(id);
    expect(row).toMatchObject({
      status: "connected",
      grantType: "authorization_code",
      accountLabel: "alice@example.test",
      hasRefreshToken: true,
    });
    expect(row.scopes).toEqual(expect.arrayContaining(["openid", "email"]));
    expect(row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect(tokens?.access_token).toBeTruthy();
    expect(row.tokens).not.toContain(tokens!.access_token);
    expect(peer.tokenRequests.authorization_code).toBe(1);

    const view = await getOAuthConnection(owner, id);
    expect(view.connection).toMatchObject({ status: "connected", account: "alice@example.test", has_refresh_token: true });
    const [event] = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.connected"));
    expect(event?.payload).toMatchObject({ id, grant_type: "authorization_code", account: "alice@example.test" });
    expectCatalogued(event);
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.action, "integration.connected"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorType: "user", actorId: owner.userId, targetId: id });
  });

  it("authenticates with client_secret_post when the provider wants it", async () => {
    const owner = await ownerContext();
    const peer = await provider({ auth: "client_secret_post" });
    const { id } = await connected(owner, peer, { client_auth: "client_secret_post" });
    expect((await stored(id)).row.status).toBe("connected");
    await refreshToken(owner, id, { force: true });
    expect(peer.tokenRequests.refresh_token).toBe(1);
  });

  it("shows the provider's error when the user cancels, and stores nothing", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const integration = await oauthIntegration(owner, peer);
    const started = await startConnect(owner, integration.id, {}, ORIGIN);
    if (started.kind !== "authorize") throw new Error("expected an authorization URL");
    const back = await signInAndConsent(started.authorization_url, { login: "alice", cancel: true });
    const outcome = await completeAuthorization(
      {
        state: back.searchParams.get("state"),
        code: null,
        error: back.searchParams.get("error"),
        errorDescription: back.searchParams.get("error_description"),
      },
      owner.userId!,
    );
    expect(outcome).toMatchObject({
      ok: false,
      problem: "provider_error",
      error: "access_denied",
      description: "End-User aborted interaction",
    });
    expect(await db().select().from(oauthConnections)).toEqual([]);
    expect(peer.tokenRequests.total ?? 0).toBe(0);
    expect((await getIntegration(owner, integration.id)).connection_status).toBe("error");
  });
});

describe("the state parameter", () => {
  async function pending(owner: TenantContext, ctx: TenantContext = owner) {
    const peer = await provider();
    const integration = await oauthIntegration(owner, peer);
    const started = await startConnect(ctx, integration.id, {}, ORIGIN);
    if (started.kind !== "authorize") throw new Error("expected an authorization URL");
    const back = await signInAndConsent(started.authorization_url, { login: "alice" });
    return { integration, peer, state: back.searchParams.get("state")!, code: back.searchParams.get("code")! };
  }
  const callback = (state: string | null, code: string | null) => ({ state, code, error: null, errorDescription: null });

  it("is single use, and a tampered or unknown state is refused without calling the provider", async () => {
    const owner = await ownerContext();
    const { peer, state, code } = await pending(owner);
    const tampered = `${state.slice(0, -2)}${state.endsWith("AA") ? "BB" : "AA"}`;
    expect(await completeAuthorization(callback(tampered, code), owner.userId!)).toEqual({ ok: false, problem: "unknown" });
    expect(await completeAuthorization(callback(null, code), owner.userId!)).toEqual({ ok: false, problem: "missing" });
    expect(peer.tokenRequests.total ?? 0).toBe(0);

    expect(await completeAuthorization(callback(state, code), owner.userId!)).toMatchObject({ ok: true });
    expect(await completeAuthorization(callback(state, code), owner.userId!)).toEqual({ ok: false, problem: "used" });
    expect(peer.tokenRequests.total).toBe(1);
    // Only a hash is stored.
    const [row] = await db().select().from(oauthStates);
    expect(row!.stateHash).toBe(createHash("sha256").update(state).digest("hex"));
  });

  it("expires after ten minutes", async () => {
    const owner = await ownerContext();
    const { state, code, peer } = await pending(owner);
    const [row] = await db().select().from(oauthStates);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThan(599_000);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(601_000);
    await db()
      .update(oauthStates)
      .set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await completeAuthorization(callback(state, code), owner.userId!)).toEqual({ ok: false, problem: "expired" });
    expect(peer.tokenRequests.total ?? 0).toBe(0);
    expect(await db().select().from(oauthConnections)).toEqual([]);
  });

  it("made in the UI, completes only in that admin's session; made with an API key, in any browser", async () => {
    const owner = await ownerContext();
    const other = await bootstrap({ tenantSlug: "other", tenantName: "Other", email: "mallory@other.test", password: "correct-horse-42" });
    const ui = await pending(owner);
    expect(await completeAuthorization(callback(ui.state, ui.code), other.userId)).toEqual({ ok: false, problem: "other_user" });
    expect(await completeAuthorization(callback(ui.state, ui.code), null)).toEqual({ ok: false, problem: "other_user" });
    expect(await db().select().from(oauthConnections)).toEqual([]);
    // The rightful admin can still finish.
    expect(await completeAuthorization(callback(ui.state, ui.code), owner.userId!)).toMatchObject({ ok: true });

    const { key } = await createApiKey(owner, { name: "Connector", scopes: ["integrations:write"] });
    const auth = await authenticateApiKey(key, null);
    if (!auth.ok) throw new Error("key did not authenticate");
    const api = await pending(owner, keyContext(auth.key));
    expect(await completeAuthorization(callback(api.state, api.code), null)).toMatchObject({ ok: true });
    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.targetId, api.integration.id));
    expect(audit).toBeDefined();
    const connectedAudit = (await db().select().from(auditEvents).where(eq(auditEvents.action, "integration.connected"))).find(
      (a) => a.targetId === api.integration.id,
    );
    expect(connectedAudit).toMatchObject({ actorType: "api_key", actorId: auth.key.keyId });
  });
});

describe("getAccessToken", () => {
  it("returns the stored token while it is fresh, and refreshes it once it expires within the margin, storing the rotated refresh token", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, tenantId } = await connected(owner, peer);
    const before = await stored(id);

    expect(await getAccessToken({ id, tenantId })).toBe(before.tokens!.access_token);
    expect(peer.tokenRequests.refresh_token ?? 0).toBe(0);

    await expireSoon(id);
    const renewed = await getAccessToken({ id, tenantId });
    const after = await stored(id);
    expect(renewed).not.toBe(before.tokens!.access_token);
    expect(after.tokens!.access_token).toBe(renewed);
    expect(after.tokens!.refresh_token).toBeTruthy();
    expect(after.tokens!.refresh_token).not.toBe(before.tokens!.refresh_token);
    expect(after.row.lastRefreshedAt).not.toBeNull();
    expect(peer.tokenRequests.refresh_token).toBe(1);

    // The rotated refresh token is the one that works from now on.
    await refreshToken(owner, id, { force: true });
    expect(peer.tokenRequests.refresh_token).toBe(2);
    const history = (await getOAuthConnection(owner, id)).history;
    expect(history.map((h) => [h.trigger, h.success])).toEqual([
      ["forced", true],
      ["expiry", true],
    ]);
  });

  it("lets 20 concurrent callers cause exactly one token request", async () => {
    const owner = await ownerContext();
    const peer = await provider({}, { tokenDelayMs: 300 });
    const { id, tenantId } = await connected(owner, peer);
    await expireSoon(id);
    const tokens = await Promise.all(Array.from({ length: 20 }, () => getAccessToken({ id, tenantId })));
    expect(new Set(tokens).size).toBe(1);
    expect(peer.tokenRequests.refresh_token).toBe(1);
    expect((await stored(id)).tokens!.access_token).toBe(tokens[0]);
  });

  it.runIf(Boolean(env().databaseUrl))(
    "lets 20 callers in 2 processes cause exactly one token request (the embedded database admits one process)",
    async () => {
      const owner = await ownerContext();
      // The refresh holds the lock for a second, so both processes are sure to ask while it runs.
      const peer = await provider({}, { tokenDelayMs: 1000 });
      const { id, tenantId } = await connected(owner, peer);
      await expireSoon(id);
      const startAt = String(Date.now() + 6000);
      const instance = () =>
        runInstance("tests/peers/oauth-token-instance.ts", [id, tenantId, "10", startAt], { PATCHBAY_ALLOW_PRIVATE_NETWORK: "true" });
      const [a, b] = await Promise.all([instance(), instance()]);
      const hashes = [...a.stdout.trim().split("\n"), ...b.stdout.trim().split("\n")];
      expect(hashes).toHaveLength(20);
      expect(new Set(hashes).size).toBe(1);
      expect(peer.tokenRequests.refresh_token).toBe(1);
      const { tokens } = await stored(id);
      expect(createHash("sha256").update(tokens!.access_token).digest("hex")).toBe(hashes[0]);
    },
    60_000,
  );

  it("marks the integration expired when the provider answers invalid_grant, emits the event and answers 424", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, tenantId } = await connected(owner, peer);
    expect((await getIntegration(owner, id)).connection_status).toBe("connected");
    const { tokens } = await stored(id);
    // The grant is revoked at the provider, as when a user removes the app there.
    const revoked = await fetch(peer.revokeUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`patchbay:${SECRET}`).toString("base64")}`,
      },
      body: new URLSearchParams({ token: tokens!.refresh_token!, token_type_hint: "refresh_token" }),
    });
    expect(revoked.status).toBe(200);

    const error = await rejection(refreshToken(owner, id, { force: true }));
    expect(error.status).toBe(424);
    expect(error.message).toMatch(/invalid_grant.*Reconnect/);

    const { row } = await stored(id);
    expect(row.status).toBe("expired");
    expect(row.statusReason).toMatch(/invalid_grant/);
    expect((await getIntegration(owner, id)).connection_status).toBe("expired");
    const [event] = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.token.refresh_failed"));
    expect(event?.payload).toMatchObject({ id, status: "expired" });
    expectCatalogued(event);
    expect(await db().select().from(auditEvents).where(eq(auditEvents.action, "integration.token.refresh_failed"))).toHaveLength(1);
    const [history] = await db().select().from(oauthRefreshEvents);
    expect(history).toMatchObject({ success: false, trigger: "forced" });

    // Expired stays expired: calls answer 424 without asking the provider again.
    const requests = peer.tokenRequests.total;
    expect((await rejection(getAccessToken({ id, tenantId }))).status).toBe(424);
    expect(peer.tokenRequests.total).toBe(requests);
    expect((await getOAuthConnection(owner, id)).connection).toMatchObject({ status: "expired" });

    // Outbound calls that need the token answer the same 424.
    await updateIntegration(owner, id, { config: { status_endpoint: "/status" } });
    const tested = await rejection(testConnection(owner, id));
    expect(tested.status).toBe(424);
    expect(tested.message).toMatch(/expired/);
    expect((await getIntegration(owner, id)).connection_status).toBe("expired");
  });

  it("retries transient failures, keeps the status, and cools down for 30 s after a failed refresh", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, tenantId } = await connected(owner, peer);
    const before = await stored(id);

    peer.failNextTokenRequests(1, 503);
    await expireSoon(id);
    const renewed = await getAccessToken({ id, tenantId });
    expect(renewed).not.toBe(before.tokens!.access_token);
    expect(peer.tokenRequests.total).toBe(3); // the code exchange, the 503, the retry

    // Every attempt fails: the still-valid token is kept and the status untouched.
    peer.failNextTokenRequests(10, 503);
    await expireSoon(id);
    expect(await getAccessToken({ id, tenantId })).toBe(renewed);
    const afterFailure = await stored(id);
    expect(afterFailure.row.status).toBe("connected");
    expect(afterFailure.row.lastFailureReason).toMatch(/503/);
    expect((await getIntegration(owner, id)).connection_status).toBe("connected");
    expect(peer.tokenRequests.total).toBe(6);

    // Within the cool-down nobody asks the provider; once the token has expired, callers get 424 with the reason.
    expect(await getAccessToken({ id, tenantId })).toBe(renewed);
    await expireSoon(id, -1);
    const error = await rejection(getAccessToken({ id, tenantId }));
    expect(error.status).toBe(424);
    expect(error.message).toMatch(/503/);
    expect(peer.tokenRequests.total).toBe(6);
    expect((await stored(id)).row.status).toBe("connected");
  }, 20_000);

  it("is what test connection sends as the bearer token", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    let seen: string | undefined;
    const api = await loopbackPeers()((req, res) => {
      seen = req.headers.authorization;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true }));
    });
    const integration = await oauthIntegration(owner, peer, {}, api);
    const { tokens } = await (async () => {
      const started = await startConnect(owner, integration.id, {}, ORIGIN);
      if (started.kind !== "authorize") throw new Error("expected an authorization URL");
      const back = await signInAndConsent(started.authorization_url, { login: "alice" });
      await completeAuthorization(
        { state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: null, errorDescription: null },
        owner.userId!,
      );
      return stored(integration.id);
    })();
    await updateIntegration(owner, integration.id, { config: { status_endpoint: "/status" } });
    const result = await testConnection(owner, integration.id);
    expect(result).toMatchObject({ success: true, status_code: 200 });
    expect(seen).toBe(`Bearer ${tokens!.access_token}`);
    expect(JSON.stringify(result)).not.toContain(tokens!.access_token);
  });
});

describe("client credentials", () => {
  it("connects without a browser and fetches a new token when it expires", async () => {
    const owner = await ownerContext();
    const peer = await provider({ grantTypes: ["client_credentials"], auth: "client_secret_post" }, { accessTokenTtlSeconds: 600 });
    const integration = await oauthIntegration(owner, peer, {
      grant_type: "client_credentials",
      client_auth: "client_secret_post",
      scopes: [],
    });
    const result = await startConnect(owner, integration.id, {}, ORIGIN);
    expect(result).toMatchObject({ kind: "connected", connection: { status: "connected", grant_type: "client_credentials" } });
    const first = (await stored(integration.id)).tokens!.access_token;
    expect(await getAccessToken({ id: integration.id, tenantId: owner.tenant.id })).toBe(first);
    await expireSoon(integration.id, 10);
    const second = await getAccessToken({ id: integration.id, tenantId: owner.tenant.id });
    expect(second).not.toBe(first);
    expect(peer.tokenRequests.client_credentials).toBe(2);
  });
});

describe("the scheduled refresh", () => {
  it("renews tokens about to expire and leaves fresh ones alone", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const due = await connected(owner, peer);
    const fresh = await connected(owner, peer);
    await expireSoon(due.id, 120);
    const before = await stored(fresh.id);
    expect(await refreshDueTokens()).toEqual({ refreshed: 1, failed: 0 });
    expect(peer.tokenRequests.refresh_token).toBe(1);
    expect((await stored(due.id)).row.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    expect((await stored(fresh.id)).tokens).toEqual(before.tokens);
    const [history] = await db().select().from(oauthRefreshEvents).where(eq(oauthRefreshEvents.integrationId, due.id));
    expect(history).toMatchObject({ trigger: "scheduled", success: true });
  });
});

describe("disconnecting", () => {
  it("revokes the tokens at the provider, deletes them and marks the integration disconnected", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, tenantId } = await connected(owner, peer);
    const { tokens } = await stored(id);

    const result = await disconnect(owner, id);
    expect(result).toMatchObject({ revoked: true, revocation_error: null, connection: { status: "disconnected" } });
    expect(peer.revocations).toEqual(["refresh_token", "access_token"]);
    const { row } = await stored(id);
    expect(row).toMatchObject({ status: "disconnected", tokens: null, hasRefreshToken: false });
    expect((await getIntegration(owner, id)).connection_status).toBe("disconnected");

    // The provider no longer honours the refresh token.
    const refresh = await fetch(peer.tokenUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`patchbay:${SECRET}`).toString("base64")}`,
      },
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: tokens!.refresh_token! }),
    });
    expect(((await refresh.json()) as { error: string }).error).toBe("invalid_grant");

    expect((await rejection(getAccessToken({ id, tenantId }))).status).toBe(424);
    const [event] = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.disconnected"));
    expect(event?.payload).toMatchObject({ id, revoked: true });
    expectCatalogued(event);

    // Disconnecting again changes nothing and tells nobody.
    expect(await disconnect(owner, id)).toMatchObject({ revoked: false, connection: { status: "disconnected" } });
    expect(peer.revocations).toHaveLength(2);
    expect(await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.disconnected"))).toHaveLength(1);
  });

  it("happens, with revocation at the provider, when a connected integration is deleted", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id } = await connected(owner, peer);
    await deleteIntegration(owner, id);
    expect(peer.revocations).toEqual(["refresh_token", "access_token"]);
    expect(await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, id))).toEqual([]);
  });

  it("needs the admin role", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id } = await connected(owner, peer);
    expect((await rejection(disconnect({ ...owner, role: "viewer" }, id))).status).toBe(403);
    expect((await rejection(startConnect({ ...owner, role: "viewer" }, id, {}, ORIGIN))).status).toBe(403);
  });
});

describe("secrecy", () => {
  it("keeps tokens and PKCE verifiers under key rotation: `keys rotate` re-encrypts them with the rest", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id } = await connected(owner, peer);
    const before = (await stored(id)).tokens;
    await startConnect(owner, id, {}, ORIGIN);
    const current = env().masterKey!;
    const next = parseKeyring(`v9:${randomBytes(32).toString("base64")},${current}`);
    const result = await reencryptAll({ columns: ENCRYPTED_COLUMNS, keyring: next });
    expect(result.byColumn).toMatchObject({ "oauth_connections.tokens": 1, "oauth_states.code_verifier": 2 });
    const [raw] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, id));
    expect(keyVersionOf(raw!.tokens!)).toBe("v9");
    expect(decryptJson(raw!.tokens!, contextFor(OAUTH_TOKENS_COLUMN, { id, tenantId: owner.tenant.id }), next)).toEqual(before);
  });

  it("no token appears in any response, audit record, event, history or console line", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id, tenantId } = await connected(owner, peer);
    await stored(id);
    const responses: unknown[] = [];
    await expireSoon(id);
    await getAccessToken({ id, tenantId });
    await stored(id);
    responses.push(await refreshToken(owner, id, { force: true }));
    await stored(id);
    responses.push(await getOAuthConnection(owner, id));
    responses.push(await disconnect(owner, id));
    expect(seenTokens.size).toBeGreaterThanOrEqual(6);

    const everything = JSON.stringify([
      responses,
      await db().select().from(auditEvents),
      await db().select().from(outboxEvents),
      await db().select().from(oauthRefreshEvents),
      await db().select().from(oauthConnections),
      consoleOutput,
    ]);
    for (const token of seenTokens) expect(everything).not.toContain(token);
    expect(everything).not.toContain(SECRET);
  });
});

describe("token calls in the request log", () => {
  it("are logged under source oauth with every token and the client secret redacted, and counted in usage", async () => {
    const owner = await ownerContext();
    const peer = await provider();
    const { id } = await connected(owner, peer);
    await refreshToken(owner, id, { force: true });
    const tokens = (await stored(id)).tokens!;

    await vi.waitFor(async () => expect((await listRequestLogs(owner, id, { source: "oauth" })).data).toHaveLength(2));
    const { data } = await listRequestLogs(owner, id, { source: "oauth" });
    expect(data.map((l) => [l.source, l.method, l.status_code, l.success])).toEqual([
      ["oauth", "POST", 200, true],
      ["oauth", "POST", 200, true],
    ]);
    expect(data[0]!.request_headers.authorization).toBe("[redacted]");
    expect(JSON.parse(data[0]!.response_excerpt!)).toMatchObject({ access_token: "[redacted]", refresh_token: "[redacted]" });
    const written = JSON.stringify(await db().select().from(integrationRequestLogs));
    for (const secret of [SECRET, tokens.access_token, tokens.refresh_token!, ...seenTokens]) expect(written).not.toContain(secret);
    expect((await listRequestLogs(owner, id, { source: "test" })).data).toEqual([]);

    await flushIntegrationUsage();
    expect((await getIntegration(owner, id)).usage).toMatchObject({ total_requests: 2, by_source: { oauth: { requests: 2, failed: 0 } } });
  });
});
