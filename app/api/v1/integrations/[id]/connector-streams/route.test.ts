import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { GET, POST } from "./route";

type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;

async function call(handler: unknown, key: string, id: string, body?: unknown) {
  const req = new Request(`http://localhost/api/v1/integrations/${id}/connector-streams`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { data?: Record<string, unknown>[] } };
}

describe("/api/v1/integrations/{id}/connector-streams", () => {
  it("lists a connector's streams, adds the ones named with their entities, and refuses unknown ones with a field message", async () => {
    const owner = await ownerContext();
    const stripe = await createIntegration(owner, {
      name: "Stripe",
      provider: "stripe",
      environment: "sandbox",
      auth_type: "api_key",
      credentials: { api_key: "sk_test_route_key_000000000000" },
    });
    const custom = await createIntegration(owner, {
      name: "Own",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://own.example.com",
    });
    const { key } = await createApiKey(owner, { name: "Sync", scopes: ["sync:read", "sync:write"] });
    const { key: readOnly } = await createApiKey(owner, { name: "Read", scopes: ["sync:read"] });

    const listed = await call(GET, key, stripe.id);
    expect(listed.status).toBe(200);
    expect(listed.body.data?.map((s) => [s.key, s.added])).toEqual([
      ["customers", false],
      ["invoices", false],
      ["payment_intents", false],
    ]);
    expect((await call(POST, readOnly, stripe.id, {})).status).toBe(403);
    const added = await call(POST, key, stripe.id, { streams: ["invoices"] });
    expect(added.status).toBe(201);
    expect(added.body.data?.map((s) => [s.name, s.entity])).toEqual([["Stripe invoices", "invoice"]]);
    expect((await call(GET, key, stripe.id)).body.data?.find((s) => s.key === "invoices")?.added).toBe(true);

    const unknown = await call(POST, key, stripe.id, { streams: ["charges"] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ error: { code: "validation_failed", fields: { streams: expect.stringContaining("charges") } } });
    expect((await call(GET, key, custom.id)).body.data).toEqual([]);
    expect((await call(POST, key, custom.id, {})).status).toBe(422);
  });
});
