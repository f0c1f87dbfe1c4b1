import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { GET as getProviders } from "../providers/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as getLogs } from "./[id]/logs/route";
import { POST as postTest } from "./[id]/test/route";
import { GET as list, POST as create } from "./route";

// The fake provider listens on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const SECRET = "sk_test_roundtrip_secret_4242";
const bodies: string[] = [];

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: string; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function keyFor(slug: string) {
  return (await createApiKey(await ownerContext(slug), { name: "Automation", scopes: ["integrations:read", "integrations:write"] })).key;
}

const server = http.createServer((req, res) => {
  const ok = req.headers.authorization === `Bearer ${SECRET}`;
  res.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
  res.end(JSON.stringify(ok ? { units: [{ status: "Available" }, { status: "Sold Out" }] } : { error: "invalid key" }));
});
const base = await new Promise<string>((resolve) =>
  server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
);
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("/api/v1/integrations", () => {
  it("creates, reads, patches, tests, logs and deletes, and never answers the secret", async () => {
    const key = await keyFor("acme");
    const providers = await call(getProviders, key, "/providers");
    expect(providers.body.data.length).toBeGreaterThanOrEqual(24);

    const created = await call(create, key, "/integrations", {
      method: "POST",
      body: JSON.stringify({
        name: "Ticketing",
        provider: "custom_rest",
        auth_type: "bearer",
        base_url: base,
        credentials: { token: SECRET },
        config: { status_endpoint: "/units", status_path: "$.units[*].status", retry_count: 0 },
      }),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "Ticketing", has_credentials: true, credentials_hint: "••••4242" });
    const id = created.body.id as string;
    const params = { id };

    expect((await call(getOne, key, `/integrations/${id}`, { params })).body).toMatchObject({ id, auth_type: "bearer" });
    const patched = await call(PATCH, key, `/integrations/${id}`, {
      method: "PATCH",
      params,
      body: JSON.stringify({ name: "Box office" }),
    });
    expect(patched).toMatchObject({ status: 200, body: { name: "Box office", has_credentials: true } });
    expect((await call(list, key, "/integrations?q=box")).body).toMatchObject({ data: [{ id }], next_cursor: null });

    const tested = await call(postTest, key, `/integrations/${id}/test`, { method: "POST", params });
    expect(tested.body).toMatchObject({
      success: true,
      status_code: 200,
      mapped_statuses: { counts: { available: 1 }, unmapped: ["Sold Out"] },
    });
    const logs = await call(getLogs, key, `/integrations/${id}/logs`, { params });
    expect(logs.body.data).toHaveLength(1);
    expect(logs.body.data[0].request_headers.authorization).toBe("[redacted]");

    expect((await call(DELETE, key, `/integrations/${id}`, { method: "DELETE", params })).status).toBe(204);
    expect((await call(getOne, key, `/integrations/${id}`, { params })).status).toBe(404);

    expect(bodies.join("\n")).not.toContain(SECRET);
  });

  it("answers another tenant's integration with the same 404 as a missing one", async () => {
    const acme = await keyFor("acme");
    const globex = await keyFor("globex");
    const { body } = await call(create, acme, "/integrations", {
      method: "POST",
      body: JSON.stringify({ name: "GitHub", provider: "github", auth_type: "bearer", credentials: { token: "ghp_abcdefghijklmnop" } }),
    });
    const foreign = await call(getOne, globex, `/integrations/${body.id}`, { params: { id: body.id } });
    const missing = await call(getOne, globex, "/integrations/00000000-0000-4000-8000-000000000000", {
      params: { id: "00000000-0000-4000-8000-000000000000" },
    });
    expect(foreign).toEqual(missing);
    expect(foreign).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    for (const [handler, method] of [
      [PATCH, "PATCH"],
      [DELETE, "DELETE"],
      [postTest, "POST"],
      [getLogs, "GET"],
    ] as const) {
      const res = await call(handler, globex, `/integrations/${body.id}`, {
        method,
        params: { id: body.id },
        body: method === "PATCH" ? "{}" : undefined,
      });
      expect(res.status, method).toBe(404);
    }
    expect((await call(list, globex, "/integrations")).body.data).toEqual([]);
    expect((await call(getOne, acme, `/integrations/${body.id}`, { params: { id: body.id } })).status).toBe(200);
  });

  it("answers 400 for malformed JSON and 422 with field messages for bad input", async () => {
    const key = await keyFor("acme");
    const malformed = await call(create, key, "/integrations", { method: "POST", body: "{not json" });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });

    const invalid = await call(create, key, "/integrations", {
      method: "POST",
      body: JSON.stringify({ name: "", provider: "stripe", auth_type: "api_key", base_url: "ftp://x", config: { timeout_seconds: 99 } }),
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error).toMatchObject({
      code: "validation_failed",
      fields: {
        name: "Give the integration a name.",
        base_url: expect.stringContaining("http:// or https://"),
        "config.timeout_seconds": "At most 60 seconds.",
      },
    });
    expect((await call(list, key, "/integrations?limit=500")).body.error.fields).toEqual({ limit: "limit must be at most 100." });
  });

  it("shows each integration's connection status, moved by connection tests, and filters the list by it", async () => {
    const key = await keyFor("acme");
    const make = async (name: string, token: string) =>
      (
        await call(create, key, "/integrations", {
          method: "POST",
          body: JSON.stringify({
            name,
            provider: "custom_rest",
            auth_type: "bearer",
            base_url: base,
            credentials: { token },
            config: { status_endpoint: "/units", retry_count: 0 },
          }),
        })
      ).body as { id: string; connection_status: string };
    const good = await make("Good feed", SECRET);
    const bad = await make("Bad feed", "sk_wrong_token_0000");
    const untested = await make("Untested feed", SECRET);
    expect([good.connection_status, bad.connection_status, untested.connection_status]).toEqual(["pending", "pending", "pending"]);

    await call(postTest, key, `/integrations/${good.id}/test`, { method: "POST", params: { id: good.id } });
    await call(postTest, key, `/integrations/${bad.id}/test`, { method: "POST", params: { id: bad.id } });
    expect((await call(getOne, key, `/integrations/${good.id}`, { params: { id: good.id } })).body.connection_status).toBe("connected");

    const names = async (status: string) =>
      ((await call(list, key, `/integrations?connection_status=${status}`)).body.data as { name: string }[]).map((i) => i.name);
    expect(await names("connected")).toEqual(["Good feed"]);
    expect(await names("error")).toEqual(["Bad feed"]);
    expect(await names("pending")).toEqual(["Untested feed"]);
    expect(await names("expired")).toEqual([]);
    const refused = await call(list, key, "/integrations?connection_status=broken");
    expect(refused).toMatchObject({ status: 422, body: { error: { fields: { connection_status: expect.stringContaining("pending") } } } });

    // New credentials are unproven: back to pending until the next test.
    await call(PATCH, key, `/integrations/${good.id}`, {
      method: "PATCH",
      params: { id: good.id },
      body: JSON.stringify({ auth_type: "bearer", credentials: { token: SECRET } }),
    });
    expect(await names("pending")).toEqual(["Untested feed", "Good feed"]);
  });
});
