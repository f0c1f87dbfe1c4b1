import { describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKeyRoute } from "@/app/api/v1/api-keys/route";
import { GET as getIntegrationRoute, PATCH as patchIntegrationRoute } from "@/app/api/v1/integrations/[id]/route";
import { GET as listIntegrationsRoute, POST as createIntegrationRoute } from "@/app/api/v1/integrations/route";
import { authenticateApiKey, createApiKey, listApiKeys, rotateApiKey } from "@/lib/api-keys";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: object; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  return { status: res.status, body: await res.json() };
}

const integration = (name: string, environment: "production" | "sandbox") => ({
  name,
  provider: "custom_rest",
  environment,
  auth_type: "none" as const,
  base_url: "https://api.example.com",
});

describe("test-mode API keys", () => {
  it("are created as pb_test_ keys, listed as test, and stay test keys when rotated", async () => {
    const owner = await ownerContext();
    const created = await createApiKey(owner, { name: "Staging CI", mode: "test", scopes: ["integrations:read"] });
    expect(created.key).toMatch(/^pb_test_[0-9A-Za-z]{38}$/);
    expect(await authenticateApiKey(created.key, null)).toMatchObject({ ok: true, key: { mode: "test" } });
    const rotated = await rotateApiKey(owner, { id: created.id });
    expect(rotated.key.startsWith("pb_test_")).toBe(true);
    expect((await listApiKeys(owner)).map((k) => k.mode)).toEqual(["test", "test"]);
  });

  it("see and change sandbox integrations only; production ones answer 404 as if missing", async () => {
    const owner = await ownerContext();
    const production = await createIntegration(owner, integration("Live shop", "production"));
    const sandbox = await createIntegration(owner, integration("Staging shop", "sandbox"));
    const { key } = await createApiKey(owner, { name: "Staging CI", mode: "test", scopes: ["integrations:read", "integrations:write"] });
    const { key: live } = await createApiKey(owner, { name: "Prod CI", scopes: ["integrations:read"] });

    expect((await call(listIntegrationsRoute, key, "/integrations")).body.data.map((i: { id: string }) => i.id)).toEqual([sandbox.id]);
    expect((await call(listIntegrationsRoute, live, "/integrations")).body.data).toHaveLength(2);
    expect((await call(getIntegrationRoute, key, `/integrations/${production.id}`, { params: { id: production.id } })).status).toBe(404);
    expect((await call(getIntegrationRoute, key, `/integrations/${sandbox.id}`, { params: { id: sandbox.id } })).status).toBe(200);

    const promote = await call(patchIntegrationRoute, key, `/integrations/${sandbox.id}`, {
      method: "PATCH",
      body: { environment: "production" },
      params: { id: sandbox.id },
    });
    expect(promote).toMatchObject({
      status: 422,
      body: { error: { fields: { environment: "A test key works with sandbox integrations only." } } },
    });
    const createProduction = await call(createIntegrationRoute, key, "/integrations", {
      method: "POST",
      body: integration("Another live shop", "production"),
    });
    expect(createProduction.status).toBe(422);
    expect(
      (await call(createIntegrationRoute, key, "/integrations", { method: "POST", body: integration("Another staging shop", "sandbox") }))
        .status,
    ).toBe(201);
  });

  it("cannot mint or see live keys", async () => {
    const owner = await ownerContext();
    await createApiKey(owner, { name: "Prod CI", scopes: ["integrations:read"] });
    const { key } = await createApiKey(owner, { name: "Staging admin", mode: "test", scopes: ["api_keys:write"] });
    const live = await call(createKeyRoute, key, "/api-keys", { method: "POST", body: { name: "Escalate", scopes: ["api_keys:write"] } });
    expect(live).toMatchObject({ status: 422, body: { error: { fields: { mode: "A test key can create test keys only." } } } });
    const test = await call(createKeyRoute, key, "/api-keys", {
      method: "POST",
      body: { name: "Staging deploy", mode: "test", scopes: ["integrations:read"] },
    });
    expect(test).toMatchObject({ status: 201, body: { mode: "test", key: expect.stringMatching(/^pb_test_/) } });
    expect((await call(listKeys, key, "/api-keys")).body.data.map((k: { name: string }) => k.name).sort()).toEqual([
      "Staging admin",
      "Staging deploy",
    ]);
  });
});
