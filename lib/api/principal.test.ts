import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { authenticate, principalContext, type Principal, type PrincipalResolver } from "./principal";
import { PRINCIPAL_RESOLVERS } from "./resolvers";

const bearer = (token?: string) =>
  new Request("http://localhost/api/v1/me", { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("the principal seam", () => {
  it("resolves an API key to its tenant, scopes, actor and mode, with the key's limits behind it", async () => {
    const owner = await ownerContext();
    const { key, id } = await createApiKey(owner, { name: "Deploy", scopes: ["integrations:read"], mode: "test" });
    const auth = await authenticate(bearer(key), "203.0.113.9", PRINCIPAL_RESOLVERS);
    if (auth.outcome !== "authenticated") throw new Error(`expected a principal, got ${auth.outcome}`);
    expect(auth.principal).toMatchObject({
      tenant: { id: owner.tenant.id, slug: "acme" },
      scopes: ["integrations:read"],
      actor: { type: "api_key", id, ip: "203.0.113.9" },
      mode: "test",
      credential: { type: "api_key", id, name: "Deploy" },
    });
    expect(principalContext(auth.principal)).toMatchObject({ tenant: { id: owner.tenant.id }, role: "owner", sandboxOnly: true });
    expect(await auth.consumeLimits()).toMatchObject({ allowed: true, state: { limit: 600, remaining: 599 } });
  });

  it("answers invalid alike for no token, an unknown token and a token no resolver claims", async () => {
    expect(await authenticate(bearer(), null, PRINCIPAL_RESOLVERS)).toEqual({ outcome: "invalid" });
    expect(await authenticate(bearer("pb_live_nonsense"), null, PRINCIPAL_RESOLVERS)).toEqual({ outcome: "invalid" });
    expect(await authenticate(bearer("anything"), null, [])).toEqual({ outcome: "invalid" });
  });

  it("lets another kind of credential plug in ahead of API keys without touching routes", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Deploy", scopes: ["integrations:read"] });
    const tokenPrincipal: Principal = {
      tenant: owner.tenant,
      scopes: ["webhooks:read"],
      actor: { type: "api_key", id: "token-1", label: "token", ip: null },
      mode: "live",
      credential: { type: "api_key", id: "token-1", name: "token", prefix: "oat_" },
    };
    const accessTokens: PrincipalResolver = async (token) =>
      token.startsWith("oat_")
        ? { outcome: "authenticated", principal: tokenPrincipal, consumeLimits: async () => ({ allowed: false, state: {} as never }) }
        : null;
    const resolvers = [accessTokens, ...PRINCIPAL_RESOLVERS];
    expect(await authenticate(bearer("oat_abc"), null, resolvers)).toMatchObject({ principal: { scopes: ["webhooks:read"] } });
    expect(await authenticate(bearer(key), null, resolvers)).toMatchObject({ principal: { scopes: ["integrations:read"] } });
  });
});
