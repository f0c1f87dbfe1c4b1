import { and, eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents, oauthServerGrants } from "@/db/schema";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as postApiKey } from "@/app/api/v1/api-keys/route";
import { GET as getIntegrations } from "@/app/api/v1/integrations/route";
import { POST as introspect } from "@/app/oauth/introspect/route";
import { POST as revoke } from "@/app/oauth/revoke/route";
import { POST as token } from "@/app/oauth/token/route";
import { GET as metadata } from "@/app/.well-known/oauth-authorization-server/route";
import { checkAuthorizationRequest, decideConsent, listAuthorizedApps, revokeAuthorizedApp } from "./authorize";
import { createOAuthClient, listOAuthClients, rotateOAuthClientSecret, updateOAuthClient } from "./clients";
import { flushScopeUsage } from "./usage";
import { ownerContext } from "@/tests/fixtures";
import { patchbayOverHttp } from "@/tests/peers/patchbay-http";

const serve = patchbayOverHttp();
const REDIRECT = "https://app.example.com/callback";

async function patchbay() {
  const base = await serve({
    "/.well-known/oauth-authorization-server": { GET: metadata },
    "/oauth/token": { POST: token },
    "/oauth/revoke": { POST: revoke },
    "/oauth/introspect": { POST: introspect },
    "/api/v1/me": { GET: getMe },
    "/api/v1/integrations": { GET: getIntegrations },
    "/api/v1/api-keys": { POST: postApiKey },
  });
  return base;
}

/** openid-client configured from Patchbay's RFC 8414 metadata, as a third-party app would be. */
async function discover(base: string, clientId: string, auth: client.ClientAuth) {
  return client.discovery(new URL(base), clientId, undefined, auth, { algorithm: "oauth2", execute: [client.allowInsecureRequests] });
}

/** A call to /api/v1 through openid-client; a refusal (which it throws as a challenge) is answered as the response it was. */
async function call(config: client.Configuration, accessToken: string, url: string, method = "GET", body?: string): Promise<Response> {
  const headers = new Headers(body ? { "content-type": "application/json" } : {});
  try {
    return await client.fetchProtectedResource(config, accessToken, new URL(url), method, body, headers);
  } catch (e) {
    if (e instanceof client.WWWAuthenticateChallengeError) return e.response;
    throw e;
  }
}

async function me(config: client.Configuration, base: string, accessToken: string) {
  const res = await call(config, accessToken, `${base}/api/v1/me`);
  return { status: res.status, body: res.status === 200 ? await res.json() : await res.text() };
}

/** The RFC 6749 error a refused token request carried, as openid-client reports it. */
async function refusal(promise: Promise<unknown>): Promise<{ error: string; status: number }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { error?: string; status?: number; cause?: unknown; response?: Response };
    if (err.error) return { error: err.error, status: err.status ?? 0 };
    if (err.response) {
      const body = (await err.response.clone().json()) as { error: string };
      return { error: body.error, status: err.response.status };
    }
    throw e;
  }
  throw new Error("expected the request to be refused");
}

async function machineClient(scopes: string[] = ["integrations:read", "api_keys:write"]) {
  const owner = await ownerContext();
  const created = await createOAuthClient(owner, { name: "Nightly sync", scopes, grant_types: ["client_credentials"] });
  return { owner, ...created };
}

async function webClient(ownerSlug = "acme") {
  const owner = await ownerContext(ownerSlug);
  const created = await createOAuthClient(owner, {
    name: "Reporting dashboard",
    redirect_uris: [REDIRECT],
    scopes: ["integrations:read", "webhooks:read"],
    grant_types: ["authorization_code", "refresh_token"],
  });
  return { owner, ...created };
}

/** The browser part of the authorization-code flow: the authorize URL, the admin's consent, the redirect back. */
async function consent(
  config: client.Configuration,
  admin: { id: string; email: string },
  tenant: string,
  params: Record<string, string> = {},
  now?: Date,
) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: "integrations:read",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    ...params,
  });
  const issuer = config.serverMetadata().issuer;
  const back = await decideConsent({ ...admin, ip: null }, { request: url.search.slice(1), tenant, decision: "allow" }, issuer, now);
  return { verifier, state, back: new URL(back) };
}

const adminOf = (ctx: { userId?: string; actor: { label?: string | null } }) => ({ id: ctx.userId!, email: ctx.actor.label! });

describe("Patchbay's OAuth server, driven by openid-client", () => {
  it("publishes RFC 8414 metadata that a client library discovers", async () => {
    const base = await patchbay();
    const config = await discover(base, "x", client.None());
    expect(config.serverMetadata()).toMatchObject({
      issuer: base,
      token_endpoint: `${base}/oauth/token`,
      authorization_endpoint: `${base}/oauth/authorize`,
      code_challenge_methods_supported: ["S256"],
    });
  });

  it("client credentials (basic and post) → access token → GET /api/v1/me, audited as the client", async () => {
    const base = await patchbay();
    const { client: app, clientSecret } = await machineClient();
    for (const auth of [client.ClientSecretBasic(clientSecret!), client.ClientSecretPost(clientSecret!)]) {
      const config = await discover(base, app.client_id, auth);
      const tokens = await client.clientCredentialsGrant(config, { scope: "integrations:read api_keys:write" });
      expect(tokens).toMatchObject({ token_type: "bearer", expires_in: 3600, scope: "integrations:read api_keys:write" });
      expect(tokens.refresh_token).toBeUndefined();
      expect(await me(config, base, tokens.access_token)).toMatchObject({
        status: 200,
        body: { tenant: { slug: "acme" }, oauth_client: { client_id: app.client_id, name: "Nightly sync", consented_by: null } },
      });
    }
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { access_token } = await client.clientCredentialsGrant(config);
    const res = await call(
      config,
      access_token,
      `${base}/api/v1/api-keys`,
      "POST",
      JSON.stringify({ name: "Made by OAuth", scopes: ["integrations:read"] }),
    );
    expect(res.status).toBe(201);
    const [event] = await db().select().from(auditEvents).where(eq(auditEvents.action, "api_key.created"));
    expect(event).toMatchObject({ actorType: "oauth_client", actorId: app.id });
    expect(event!.actorLabel).toContain(app.client_id);
  });

  it("refuses a wrong secret with 401 invalid_client and WWW-Authenticate, and a scope beyond the client's with invalid_scope", async () => {
    const base = await patchbay();
    const { client: app } = await machineClient(["integrations:read"]);
    const raw = await fetch(`${base}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${btoa(`${app.client_id}:pbo_cs_wrong`)}` },
      body: "grant_type=client_credentials",
    });
    expect(raw.status).toBe(401);
    expect(raw.headers.get("www-authenticate")).toContain("Basic");
    expect(raw.headers.get("cache-control")).toBe("no-store");
    expect(await raw.json()).toMatchObject({ error: "invalid_client" });
    const wrong = await discover(base, app.client_id, client.ClientSecretPost("pbo_cs_wrong"));
    expect(await refusal(client.clientCredentialsGrant(wrong))).toEqual({ error: "invalid_client", status: 401 });
    const unknown = await discover(base, "pbo_client_nobody", client.ClientSecretBasic("pbo_cs_x"));
    expect(await refusal(client.clientCredentialsGrant(unknown))).toEqual({ error: "invalid_client", status: 401 });
  });

  it("refuses scope escalation, grants the client may not use and unknown grant types", async () => {
    const base = await patchbay();
    const { client: app, clientSecret } = await machineClient(["integrations:read"]);
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    expect(await refusal(client.clientCredentialsGrant(config, { scope: "integrations:read integrations:write" }))).toEqual({
      error: "invalid_scope",
      status: 400,
    });
    expect(await refusal(client.refreshTokenGrant(config, "pbo_rt_whatever"))).toEqual({ error: "unauthorized_client", status: 400 });
    expect(await refusal(client.genericGrantRequest(config, "password", { username: "a", password: "b" }))).toEqual({
      error: "unsupported_grant_type",
      status: 400,
    });
    const { access_token } = await client.clientCredentialsGrant(config);
    const res = await call(config, access_token, `${base}/api/v1/api-keys`, "POST", "{}");
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("authorization code + PKCE with consent → tokens acting in the consenting tenant, audited with the admin", async () => {
    const base = await patchbay();
    const { client: app, clientSecret } = await webClient("vendor");
    const customer = await ownerContext("customer", "admin@customer.test");
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { verifier, state, back } = await consent(config, adminOf(customer), "customer");
    const tokens = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens).toMatchObject({ scope: "integrations:read", expires_in: 3600 });
    expect(tokens.refresh_token).toMatch(/^pbo_rt_/);
    expect(await me(config, base, tokens.access_token)).toMatchObject({
      status: 200,
      body: { tenant: { slug: "customer" }, oauth_client: { name: "Reporting dashboard", consented_by: "admin@customer.test" } },
    });
    const [consented] = await db().select().from(auditEvents).where(eq(auditEvents.action, "oauth_grant.created"));
    expect(consented).toMatchObject({ tenantId: customer.tenant.id, actorLabel: "admin@customer.test" });
    const apps = await listAuthorizedApps(customer);
    expect(apps).toMatchObject([{ clientName: "Reporting dashboard", userLabel: "admin@customer.test", scopes: ["integrations:read"] }]);
    await revokeAuthorizedApp(customer, { id: apps[0]!.id });
    expect((await me(config, base, tokens.access_token)).status).toBe(401);
    expect(await refusal(client.refreshTokenGrant(config, tokens.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  });

  it("answers authorize errors: no redirect to an unregistered URI, error=invalid_request without PKCE, invalid_scope beyond the client", async () => {
    const base = await patchbay();
    const { client: app } = await webClient();
    const issuer = base;
    const query = (extra: Record<string, string>) =>
      new URLSearchParams({
        response_type: "code",
        client_id: app.client_id,
        redirect_uri: REDIRECT,
        code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        code_challenge_method: "S256",
        state: "s1",
        ...extra,
      });
    expect(await checkAuthorizationRequest(query({ redirect_uri: "https://evil.example.com/callback" }), issuer)).toMatchObject({
      kind: "page",
    });
    expect(await checkAuthorizationRequest(query({ redirect_uri: `${REDIRECT}/` }), issuer)).toMatchObject({ kind: "page" });
    const noPkce = query({});
    noPkce.delete("code_challenge");
    const missing = await checkAuthorizationRequest(noPkce, issuer);
    expect(missing.kind).toBe("redirect");
    const url = new URL((missing as { url: string }).url);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ error: "invalid_request", state: "s1", iss: issuer });
    const plain = await checkAuthorizationRequest(query({ code_challenge_method: "plain" }), issuer);
    expect(new URL((plain as { url: string }).url).searchParams.get("error")).toBe("invalid_request");
    const escalate = await checkAuthorizationRequest(query({ scope: "integrations:read api_keys:write" }), issuer);
    expect(new URL((escalate as { url: string }).url).searchParams.get("error")).toBe("invalid_scope");
  });

  it("refuses at the token endpoint: a wrong redirect URI, a missing verifier, a wrong verifier, an expired code", async () => {
    const base = await patchbay();
    const { owner, client: app, clientSecret } = await webClient();
    const config = await discover(base, app.client_id, client.ClientSecretPost(clientSecret!));
    const admin = adminOf(owner);

    const a = await consent(config, admin, "acme");
    const code = a.back.searchParams.get("code")!;
    expect(
      await refusal(
        client.genericGrantRequest(config, "authorization_code", {
          code,
          redirect_uri: "https://app.example.com/other",
          code_verifier: a.verifier,
        }),
      ),
    ).toEqual({ error: "invalid_grant", status: 400 });

    const b = await consent(config, admin, "acme");
    expect(
      await refusal(
        client.genericGrantRequest(config, "authorization_code", { code: b.back.searchParams.get("code")!, redirect_uri: REDIRECT }),
      ),
    ).toEqual({ error: "invalid_request", status: 400 });

    const c = await consent(config, admin, "acme");
    expect(
      await refusal(
        client.authorizationCodeGrant(config, c.back, { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: c.state }),
      ),
    ).toEqual({ error: "invalid_grant", status: 400 });

    const d = await consent(config, admin, "acme", {}, new Date(Date.now() - 120_000));
    expect(await refusal(client.authorizationCodeGrant(config, d.back, { pkceCodeVerifier: d.verifier, expectedState: d.state }))).toEqual({
      error: "invalid_grant",
      status: 400,
    });
  });

  it("treats a replayed code as stolen: invalid_grant, and the tokens the first use gave stop working", async () => {
    const base = await patchbay();
    const { owner, client: app, clientSecret } = await webClient();
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { verifier, state, back } = await consent(config, adminOf(owner), "acme");
    const first = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
    expect((await me(config, base, first.access_token)).status).toBe(200);
    expect(await refusal(client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state }))).toEqual({
      error: "invalid_grant",
      status: 400,
    });
    expect((await me(config, base, first.access_token)).status).toBe(401);
    const [grant] = await db().select().from(oauthServerGrants);
    expect(grant!.revokedAt).not.toBeNull();
  });

  it("rotates refresh tokens, and a reused one revokes the whole grant", async () => {
    const base = await patchbay();
    const { owner, client: app, clientSecret } = await webClient();
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { verifier, state, back } = await consent(config, adminOf(owner), "acme");
    const first = await client.authorizationCodeGrant(config, back, { pkceCodeVerifier: verifier, expectedState: state });
    const second = await client.refreshTokenGrant(config, first.refresh_token!);
    expect(second.refresh_token).toMatch(/^pbo_rt_/);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(await refusal(client.refreshTokenGrant(config, second.refresh_token!, { scope: "webhooks:read" }))).toEqual({
      error: "invalid_scope",
      status: 400,
    });
    expect((await me(config, base, second.access_token)).status).toBe(200);
    expect(await refusal(client.refreshTokenGrant(config, first.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
    expect((await me(config, base, second.access_token)).status).toBe(401);
    expect(await refusal(client.refreshTokenGrant(config, second.refresh_token!))).toEqual({ error: "invalid_grant", status: 400 });
  });

  it("revokes (RFC 7009: always 200) with the next call refused, and introspects (RFC 7662)", async () => {
    const base = await patchbay();
    const { client: app, clientSecret } = await machineClient(["integrations:read"]);
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { access_token } = await client.clientCredentialsGrant(config);
    const active = await client.tokenIntrospection(config, access_token);
    expect(active).toMatchObject({ active: true, scope: "integrations:read", client_id: app.client_id, token_type: "Bearer", iss: base });
    expect(active.exp! - active.iat!).toBe(3600);
    expect(await client.tokenIntrospection(config, "pbo_at_unknown")).toEqual({ active: false });
    expect(await client.tokenIntrospection(config, "something else entirely")).toEqual({ active: false });

    await client.tokenRevocation(config, "pbo_at_never_issued");
    expect((await me(config, base, access_token)).status).toBe(200);
    await client.tokenRevocation(config, access_token);
    expect((await me(config, base, access_token)).status).toBe(401);
    expect(await client.tokenIntrospection(config, access_token)).toEqual({ active: false });
  });

  it("answers {active:false} to a client introspecting another client's token, and never revokes it", async () => {
    const base = await patchbay();
    const owner = await ownerContext();
    const a = await createOAuthClient(owner, { name: "A", scopes: ["integrations:read"], grant_types: ["client_credentials"] });
    const b = await createOAuthClient(owner, { name: "B", scopes: ["integrations:read"], grant_types: ["client_credentials"] });
    const configA = await discover(base, a.client.client_id, client.ClientSecretBasic(a.clientSecret!));
    const configB = await discover(base, b.client.client_id, client.ClientSecretBasic(b.clientSecret!));
    const { access_token } = await client.clientCredentialsGrant(configA);
    expect(await client.tokenIntrospection(configB, access_token)).toEqual({ active: false });
    await client.tokenRevocation(configB, access_token);
    expect((await me(configA, base, access_token)).status).toBe(200);
  });

  it("narrowing a client's scopes or rotating its secret applies to tokens already issued", async () => {
    const base = await patchbay();
    const { owner, client: app, clientSecret } = await machineClient(["integrations:read", "api_keys:write"]);
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { access_token } = await client.clientCredentialsGrant(config);
    const integrations = () => call(config, access_token, `${base}/api/v1/integrations`);
    expect((await integrations()).status).toBe(200);
    await updateOAuthClient(owner, app.id, { scopes: ["api_keys:write"] });
    expect((await integrations()).status).toBe(403);
    const rotated = await rotateOAuthClientSecret(owner, app.id);
    expect((await me(config, base, access_token)).status).toBe(401);
    expect(await refusal(client.clientCredentialsGrant(config))).toEqual({ error: "invalid_client", status: 401 });
    const fresh = await discover(base, app.client_id, client.ClientSecretBasic(rotated.clientSecret));
    expect((await client.clientCredentialsGrant(fresh)).scope).toBe("api_keys:write");
  });

  it("lists the scopes a client used in the last 30 days and suggests narrowing the others", async () => {
    const base = await patchbay();
    const { owner, client: app, clientSecret } = await machineClient(["integrations:read", "api_keys:write"]);
    const config = await discover(base, app.client_id, client.ClientSecretBasic(clientSecret!));
    const { access_token } = await client.clientCredentialsGrant(config);
    expect((await call(config, access_token, `${base}/api/v1/integrations`)).status).toBe(200);
    await flushScopeUsage();
    const { oauthClients } = await import("@/db/schema");
    await db()
      .update(oauthClients)
      .set({ createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) })
      .where(and(eq(oauthClients.id, app.id)));
    expect(await listOAuthClients(owner)).toMatchObject([{ used_scopes: ["integrations:read"], unused_scopes: ["api_keys:write"] }]);
  });

  it("answers hostile requests to the OAuth endpoints with RFC errors, never a 5xx", async () => {
    const base = await patchbay();
    const { client: app, clientSecret } = await machineClient(["integrations:read"]);
    const basic = `Basic ${btoa(`${app.client_id}:${clientSecret}`)}`;
    const form = "application/x-www-form-urlencoded";
    const probes: { headers: Record<string, string>; body: string; status: number; error: string }[] = [
      {
        headers: { "content-type": "application/json", authorization: basic },
        body: '{"grant_type":"client_credentials"}',
        status: 400,
        error: "invalid_request",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: "grant_type=client_credentials&grant_type=client_credentials",
        status: 400,
        error: "invalid_request",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: `grant_type=client_credentials&scope=${"x".repeat(20_000)}`,
        status: 400,
        error: "invalid_request",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: "grant_type=client_credentials&scope=a%00b",
        status: 400,
        error: "invalid_request",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: "grant_type=client_credentials&scope=%ED%A0%80",
        status: 400,
        error: "invalid_scope",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: "grant_type=%E0%A4%A",
        status: 400,
        error: "unsupported_grant_type",
      },
      {
        headers: { "content-type": form, authorization: "Basic !!!" },
        body: "grant_type=client_credentials",
        status: 401,
        error: "invalid_client",
      },
      {
        headers: { "content-type": form, authorization: `Basic ${btoa("no-colon")}` },
        body: "grant_type=client_credentials",
        status: 401,
        error: "invalid_client",
      },
      {
        headers: { "content-type": form, authorization: `Basic ${btoa("%E0%A4%A:x")}` },
        body: "grant_type=client_credentials",
        status: 401,
        error: "invalid_client",
      },
      {
        headers: { "content-type": form },
        body: `grant_type=client_credentials&client_id=${app.client_id}&client_secret=${clientSecret}&client_secret=x`,
        status: 400,
        error: "invalid_request",
      },
      {
        headers: { "content-type": form, authorization: basic },
        body: "grant_type=authorization_code&code=x&redirect_uri=y&code_verifier=z",
        status: 400,
        error: "unauthorized_client",
      },
    ];
    for (const path of ["/oauth/token", "/oauth/revoke", "/oauth/introspect"]) {
      for (const probe of probes) {
        const res = await fetch(`${base}${path}`, { method: "POST", headers: probe.headers, body: probe.body });
        expect(res.status, `${path} ${probe.body.slice(0, 80)}`).toBeLessThan(500);
        const body = (await res.json()) as { error?: string; active?: boolean };
        if (path === "/oauth/token")
          expect({ status: res.status, error: body.error }, probe.body.slice(0, 80)).toEqual({ status: probe.status, error: probe.error });
      }
    }
  });
});
