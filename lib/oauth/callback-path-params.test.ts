import { afterEach, describe, expect, it, vi } from "vitest";
import { createIntegration, getIntegration } from "@/lib/integrations";
import { signInAndConsent, startOidcProvider, type OidcPeer } from "@/tests/peers/oidc-provider";
import { ownerContext } from "@/tests/fixtures";
import { completeAuthorization, startConnect } from "./index";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

// The OIDC peer plays an authorization server; the provider it stands for declares, as QuickBooks does, a value
// its API paths need that arrives on the redirect back. Only the catalog entry is altered, not the code under test.
vi.mock("@/lib/providers", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/providers")>();
  const getProvider: typeof actual.getProvider = (key) => {
    const entry = actual.getProvider(key);
    return entry && key === "custom_oauth2"
      ? { ...entry, pathParams: [{ name: "realmId", label: "Company ID (realm ID)", fromCallback: true }] }
      : entry;
  };
  return { ...actual, getProvider };
});

const ORIGIN = "http://patchbay.test";
const SECRET = "peer-client-secret-0123456789abcdef";
const peers: OidcPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

async function connectWith(extra: Record<string, string>) {
  const peer = await startOidcProvider({
    clients: [{ clientId: "patchbay", clientSecret: SECRET, auth: "client_secret_basic", redirectUris: [`${ORIGIN}/api/oauth/callback`] }],
    accessTokenTtlSeconds: 3600,
  });
  peers.push(peer);
  const owner = await ownerContext();
  const integration = await createIntegration(owner, {
    name: "Books",
    provider: "custom_oauth2",
    auth_type: "oauth2",
    base_url: "https://api.example.test",
    credentials: { client_id: "patchbay", client_secret: SECRET },
    config: {
      status_endpoint: "/v3/company/{realmId}/companyinfo/{realmId}",
      oauth: { authorize_url: peer.authorizeUrl, token_url: peer.tokenUrl, scopes: ["openid"] },
    },
  });
  const started = await startConnect(owner, integration.id, {}, ORIGIN);
  if (started.kind !== "authorize") throw new Error("expected an authorization URL");
  const back = await signInAndConsent(started.authorization_url, { login: "alice" });
  const outcome = await completeAuthorization(
    { state: back.searchParams.get("state"), code: back.searchParams.get("code"), error: null, errorDescription: null, extra },
    owner.userId!,
  );
  expect(outcome.ok).toBe(true);
  return getIntegration(owner, integration.id);
}

describe("values the provider sends back on the OAuth redirect", () => {
  it("keeps the company id for the integration's paths, so its test path resolves", async () => {
    const integration = await connectWith({ realmId: "9130357766900001", state: "ignored", unrelated: "x" });
    expect(integration.config.path_params).toEqual({ realmId: "9130357766900001" });
  });

  it("drops a value that could change the path or the query it is put into", async () => {
    const integration = await connectWith({ realmId: "../../admin?x=1" });
    expect(integration.config.path_params).toBeUndefined();
  });
});
