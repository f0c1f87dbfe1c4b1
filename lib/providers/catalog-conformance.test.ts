import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { createIntegration, testConnection } from "@/lib/integrations";
import { saveTokens } from "@/lib/oauth/token-store";
import { withTenant } from "@/lib/tenancy/data";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { DOCUMENTED_CHECKS, OAUTH_TOKEN, type DocumentedCheck } from "@/tests/peers/provider-checks";
import { getProvider, PROVIDERS } from "./index";
import type { Provider } from "./types";

// The peers listen on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();
type Checked = Extract<DocumentedCheck, { authenticated: string[] }>;

/** A loopback server answering as the provider's documentation says: its paths, its auth, its errors. */
async function documentedPeer(check: Checked, seen: string[]) {
  const secret = check.auth.type === "api_key" ? check.auth.api_key : check.auth.type === "bearer" ? check.auth.token : "";
  return peer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url!, "http://peer");
    seen.push(url.pathname);
    const send = (status: number, body: unknown) =>
      res
        .writeHead(status, { "content-type": typeof body === "string" ? "text/plain" : "application/json" })
        .end(typeof body === "string" ? body : JSON.stringify(body));
    if (check.public?.includes(url.pathname)) return send(200, check.okBody);
    if (!check.authenticated.includes(url.pathname)) return send(404, { error: `no such path: ${url.pathname}` });
    const problem = check.requires?.(req);
    if (problem) return send(400, { error: problem });
    return check.accepts(req, url, secret) ? send(200, check.okBody) : send(check.rejected.status, check.rejected.body);
  });
}

/** The entry's base URL with the peer's origin: path prefixes such as Slack's /api stay. */
function baseOn(provider: Provider, origin: string): string {
  const documented = new URL((provider.baseUrl ?? provider.baseUrlHint!).replace(/<[^>]+>/g, "x"));
  return `${origin}${documented.pathname.replace(/\/$/, "")}`;
}

function credentialsOf(check: Checked, wrong: boolean): Record<string, string> {
  const spoil = (value: string) => (wrong ? `${value}-wrong` : value);
  switch (check.auth.type) {
    case "api_key":
      return { api_key: spoil(check.auth.api_key) };
    case "bearer":
      return { token: spoil(check.auth.token) };
    case "basic":
      return { username: check.auth.username, password: spoil(check.auth.password) };
    case "oauth2":
      return { client_id: "peer-client", client_secret: "peer-client-secret" };
  }
}

async function testAgainstPeer(provider: Provider, check: Checked, wrong: boolean) {
  const seen: string[] = [];
  const origin = await documentedPeer(check, seen);
  const owner = await ownerContext(`${provider.key.replace(/_/g, "-")}-${wrong ? "no" : "ok"}`);
  const integration = await createIntegration(owner, {
    name: `${provider.name} conformance`,
    provider: provider.key,
    auth_type: check.auth.type,
    base_url: baseOn(provider, origin),
    credentials: credentialsOf(check, wrong),
    config: { retry_count: 0, ...(check.pathParams ? { path_params: check.pathParams } : {}) },
  });
  if (check.auth.type === "oauth2")
    await withTenant(owner, (tx) =>
      saveTokens(
        tx,
        { integrationId: integration.id, tenantId: owner.tenant.id },
        { access_token: wrong ? `${OAUTH_TOKEN}-wrong` : OAUTH_TOKEN, token_type: "Bearer", expires_in: 3600 },
        { grantType: "authorization_code", previous: null, requestedScopes: [], connecting: true },
      ),
    );
  return { result: await testConnection(owner, integration.id), seen };
}

describe("catalog conformance: test connection against each provider's documented API", () => {
  it("has a documented check for every catalog entry, so a new provider cannot land without one", () => {
    expect(Object.keys(DOCUMENTED_CHECKS).sort()).toEqual(PROVIDERS.map((p) => p.key).sort());
  });

  it("quickbooks: before the company id is known, a test says what is missing and calls nothing", async () => {
    const check = DOCUMENTED_CHECKS.quickbooks as Checked;
    const { result, seen } = await testAgainstPeer(getProvider("quickbooks")!, { ...check, pathParams: undefined }, false);
    expect(seen).toEqual([]);
    expect(result.success).toBe(false);
    expect(result.error).toContain("Company ID (realm ID)");
  });

  for (const provider of PROVIDERS) {
    const check = DOCUMENTED_CHECKS[provider.key];
    if (!check) continue;
    if ("none" in check) {
      it(`${provider.key}: has no test endpoint of its own (${check.none.slice(0, 60)}…)`, () => {
        expect(provider.testEndpoint).toBeNull();
      });
      continue;
    }

    it(`${provider.key}: the documented request with good credentials succeeds`, async () => {
      const { result, seen } = await testAgainstPeer(provider, check, false);
      expect(result.error).toBeNull();
      expect(result).toMatchObject({ success: true, status_code: 200 });
      expect(seen).toHaveLength(1);
      expect(check.authenticated).toContain(seen[0]);
    });

    it(`${provider.key}: bad credentials fail the test as the provider answers them`, async () => {
      const { result, seen } = await testAgainstPeer(provider, check, true);
      expect(seen.length).toBeGreaterThan(0);
      expect(result.success).toBe(false);
      expect(result.status_code).toBe(check.rejected.status);
      expect(result.error).toBeTruthy();
    });
  }
});
