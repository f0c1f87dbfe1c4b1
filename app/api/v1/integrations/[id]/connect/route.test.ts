import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { oauthConnections } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys";
import { completeAuthorization } from "@/lib/oauth";
import { decryptTokens } from "@/lib/oauth/token-store";
import { ownerContext } from "@/tests/fixtures";
import { signInAndConsent, startOidcProvider } from "@/tests/peers/oidc-provider";
import { POST as postIntegration } from "../../route";
import { POST as postDisconnect } from "../disconnect/route";
import { GET as getOAuth } from "../oauth/route";
import { POST as postRefresh } from "../refresh-token/route";
import { POST as postConnect } from "./route";

// The provider listens on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const SECRET = "route-test-client-secret-abcdef0123";
const bodies: string[] = [];
const peer = await startOidcProvider({
  clients: [
    { clientId: "patchbay", clientSecret: SECRET, auth: "client_secret_basic", redirectUris: ["http://localhost/api/oauth/callback"] },
  ],
});
afterAll(() => peer.close());

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { body?: string; params?: object; method?: string } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", host: "localhost" },
    body: init.body,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("/api/v1/integrations/{id}/connect, refresh-token, oauth, disconnect", () => {
  it("connects through a link any browser can complete, refreshes, answers 424 once the grant is gone, and disconnects", async () => {
    const { key } = await createApiKey(await ownerContext(), { name: "Automation", scopes: ["integrations:read", "integrations:write"] });
    const created = await call(postIntegration, key, "/integrations", {
      body: JSON.stringify({
        name: "Accounting",
        provider: "custom_oauth2",
        auth_type: "oauth2",
        base_url: "https://api.example.test",
        credentials: { client_id: "patchbay", client_secret: SECRET },
        config: { oauth: { authorize_url: peer.authorizeUrl, token_url: peer.tokenUrl, revoke_url: peer.revokeUrl, scopes: ["openid"] } },
      }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const params = { id };

    expect((await call(postConnect, key, `/integrations/${id}/connect`, { params, body: JSON.stringify({ scopes: [42] }) })).status).toBe(
      422,
    );
    const connect = await call(postConnect, key, `/integrations/${id}/connect`, { params, body: JSON.stringify({ scopes: ["email"] }) });
    expect(connect.status).toBe(200);
    expect(Object.keys(connect.body).sort()).toEqual(["authorization_url", "expires_at", "state"]);
    const authorize = new URL(connect.body.authorization_url);
    expect(authorize.searchParams.get("redirect_uri")).toBe("http://localhost/api/oauth/callback");
    expect(authorize.searchParams.get("state")).toBe(connect.body.state);

    // Whoever owns the provider account opens the link; no Patchbay session is needed for a state made with a key.
    const back = await signInAndConsent(connect.body.authorization_url, { login: "bookkeeper" });
    const outcome = await completeAuthorization(
      { state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: null, errorDescription: null },
      null,
    );
    expect(outcome.ok).toBe(true);

    const status = await call(getOAuth, key, `/integrations/${id}/oauth`, { params, method: "GET" });
    expect(status.body.connection).toMatchObject({
      status: "connected",
      account: "bookkeeper@example.test",
      scopes: expect.arrayContaining(["openid", "email"]),
    });

    const refreshed = await call(postRefresh, key, `/integrations/${id}/refresh-token`, { params, body: JSON.stringify({ force: true }) });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.connection.last_refreshed_at).not.toBeNull();
    expect(
      (await call(postRefresh, key, `/integrations/${id}/refresh-token`, { params, body: JSON.stringify({ force: "yes" }) })).status,
    ).toBe(422);

    const [row] = await db().select().from(oauthConnections).where(eq(oauthConnections.integrationId, id));
    const tokens = decryptTokens(row!)!;
    await fetch(peer.revokeUrl, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`patchbay:${SECRET}`).toString("base64")}`,
      },
      body: new URLSearchParams({ token: tokens.refresh_token!, token_type_hint: "refresh_token" }),
    });
    const failed = await call(postRefresh, key, `/integrations/${id}/refresh-token`, { params, body: JSON.stringify({ force: true }) });
    expect(failed.status).toBe(424);
    expect(failed.body.error).toMatchObject({ code: "failed_dependency", message: expect.stringMatching(/invalid_grant/) });

    const disconnected = await call(postDisconnect, key, `/integrations/${id}/disconnect`, { params });
    expect(disconnected.status).toBe(200);
    expect(disconnected.body.connection.status).toBe("disconnected");

    for (const body of bodies) {
      expect(body).not.toContain(tokens.access_token);
      expect(body).not.toContain(tokens.refresh_token);
      expect(body).not.toContain(SECRET);
    }
  });

  it("answers 404 for another tenant's integration", async () => {
    const { key } = await createApiKey(await ownerContext("other"), { name: "Other", scopes: ["integrations:write"] });
    const res = await call(postConnect, key, "/integrations/6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b/connect", {
      params: { id: "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" },
    });
    expect(res.status).toBe(404);
  });
});
