import { describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { GET as listEvents } from "../integrations/[id]/events/route";
import { POST as createReceiver } from "../integrations/[id]/receivers/route";
import { GET as listDeliveries } from "./[id]/deliveries/route";
import { POST as rotate } from "./[id]/rotate-secret/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as stats } from "./[id]/stats/route";
import { POST as sendTest } from "./[id]/test/route";
import { POST as retry } from "./deliveries/[id]/retry/route";
import { GET as list, POST as create } from "./route";

// The pump is woken through pg-boss; these tests look at what the API answers and stores.
vi.mock("@/lib/webhooks/wake", () => ({ wakeDeliveryPump: async () => {} }));

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: unknown; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", host: "patchbay.example.com" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, text };
}

describe("/api/v1/webhooks", () => {
  it("creates an endpoint with its secret once, then reads, patches, tests, rotates, lists deliveries, resends and deletes", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Automation", scopes: ["webhooks:read", "webhooks:write"] });

    const bad = await call(create, key, "/webhooks", {
      method: "POST",
      body: { url: "http://insecure.example.com", events: ["no.such.event"] },
    });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(["url", "events.0"]));

    const internal = await call(create, key, "/webhooks", { method: "POST", body: { url: "https://127.0.0.1:8443/hooks" } });
    expect(internal.status).toBe(422);
    expect(internal.body.error.fields.url).toContain("does not call");

    const created = await call(create, key, "/webhooks", {
      method: "POST",
      body: { url: "https://erp.example.com/hooks", events: ["integration.created"], headers: { "X-Erp-Token": "erp-token-123456" } },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    const id = created.body.id;
    const params = { id };

    const read = await call(getOne, key, `/webhooks/${id}`, { params });
    expect(read.body).toMatchObject({ url: "https://erp.example.com/hooks", header_names: ["X-Erp-Token"], enabled: true });
    expect(read.text).not.toContain(created.body.secret);
    expect(read.text).not.toContain("erp-token-123456");
    expect((await call(list, key, "/webhooks")).body.data).toHaveLength(1);

    expect((await call(PATCH, key, `/webhooks/${id}`, { method: "PATCH", body: { enabled: false }, params })).body).toMatchObject({
      enabled: false,
      disabled_reason: "Disabled by an admin.",
    });
    await call(PATCH, key, `/webhooks/${id}`, { method: "PATCH", body: { enabled: true }, params });

    const test = await call(sendTest, key, `/webhooks/${id}/test`, { method: "POST", params });
    expect(test.status).toBe(202);
    const deliveries = await call(listDeliveries, key, `/webhooks/${id}/deliveries?event_type=webhook.test`, { params });
    expect(deliveries.body.data).toEqual([
      expect.objectContaining({ id: test.body.id, status: "pending", webhook_id: test.body.webhook_id }),
    ]);
    expect(
      (await call(retry, key, `/webhooks/deliveries/${test.body.id}/retry`, { method: "POST", params: { id: test.body.id } })).status,
    ).toBe(202);

    const secured = await call(PATCH, key, `/webhooks/${id}`, {
      method: "PATCH",
      body: { auth_type: "bearer", auth_credentials: { token: "tok_live_bearer_0123456789" }, http_method: "PUT" },
      params,
    });
    expect(secured.body).toMatchObject({ auth_type: "bearer", has_auth: true, auth_hint: "••••6789", http_method: "PUT" });
    const badAuth = await call(PATCH, key, `/webhooks/${id}`, { method: "PATCH", body: { auth_type: "basic" }, params });
    expect(badAuth.status).toBe(422);
    expect(badAuth.body.error.fields).toEqual({
      "auth_credentials.username": "Enter the username.",
      "auth_credentials.password": "Enter the password.",
    });
    const everything = [
      secured.text,
      (await call(getOne, key, `/webhooks/${id}`, { params })).text,
      (await call(list, key, "/webhooks")).text,
    ];
    for (const text of everything) {
      expect(text).not.toContain("tok_live_bearer_0123456789");
      expect(text).not.toContain(Buffer.from("tok_live_bearer_0123456789").toString("base64"));
    }
    const counted = await call(stats, key, `/webhooks/${id}/stats`, { params });
    expect(counted.body).toMatchObject({ deliveries: { total: 1, succeeded: 0, failed: 0 }, last_delivery: null });
    expect(counted.body.daily).toHaveLength(7);

    const rotated = await call(rotate, key, `/webhooks/${id}/rotate-secret`, { method: "POST", params });
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.previous_secret_expires_at).not.toBeNull();

    const other = await ownerContext("globex");
    const { key: otherKey } = await createApiKey(other, { name: "Other", scopes: ["webhooks:read", "webhooks:write"] });
    expect((await call(getOne, otherKey, `/webhooks/${id}`, { params })).status).toBe(404);
    expect((await call(DELETE, key, `/webhooks/${id}`, { method: "DELETE", params })).status).toBe(204);
    expect((await call(getOne, key, `/webhooks/${id}`, { params })).status).toBe(404);
  });

  it("needs the webhooks scopes", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Read only", scopes: ["webhooks:read"] });
    expect((await call(create, key, "/webhooks", { method: "POST", body: { url: "https://erp.example.com/hooks" } })).status).toBe(403);
  });

  it("creates a receiver URL for an integration and lists its received events", async () => {
    const owner = await ownerContext();
    const { key } = await createApiKey(owner, { name: "Automation", scopes: ["integrations:read", "integrations:write"] });
    const integration = await createIntegration(owner, {
      name: "Stripe",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://api.stripe.com",
    });
    const params = { id: integration.id };
    const receiver = await call(createReceiver, key, `/integrations/${integration.id}/receivers`, {
      method: "POST",
      body: { scheme: "stripe", secret: "whsec_from_stripe_dashboard" },
      params,
    });
    expect(receiver.status).toBe(201);
    expect(receiver.body.url).toMatch(/^http:\/\/patchbay\.example\.com\/api\/hooks\/rcv_/);
    expect(receiver.text).not.toContain("whsec_from_stripe_dashboard");
    expect(
      (
        await call(createReceiver, key, `/integrations/${integration.id}/receivers`, {
          method: "POST",
          body: { scheme: "nope", secret: "x" },
          params,
        })
      ).status,
    ).toBe(422);
    expect((await call(listEvents, key, `/integrations/${integration.id}/events`, { params })).body).toEqual({
      data: [],
      next_cursor: null,
    });
  });
});
