import { describe, expect, it, vi } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { POST as checkNow } from "../[id]/health/check/route";
import { GET as history } from "../[id]/health/checks/route";
import { GET as detail } from "../[id]/health/route";
import { POST as create } from "../route";
import { GET as list } from "./route";

// The fake provider listens on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();

type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;

async function call(handler: unknown, key: string, path: string, init: { method?: string; body?: unknown; params?: object } = {}) {
  const req = new Request(`http://localhost/api/v1${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(init.params ?? {}) as Promise<never> });
  return { status: res.status, body: await res.json() };
}

async function keyFor(slug: string, scopes: ("integrations:read" | "integrations:write")[] = ["integrations:read", "integrations:write"]) {
  return (await createApiKey(await ownerContext(slug), { name: "Automation", scopes })).key;
}

describe("/api/v1/integrations/…/health", () => {
  it("checks now, then answers the status, uptime, history and the list; another tenant gets 404", async () => {
    const base = await peer((_req, res) => res.writeHead(500).end());
    const key = await keyFor("acme");
    const created = await call(create, key, "/integrations", {
      method: "POST",
      body: { name: "Ticketing", provider: "custom_rest", auth_type: "none", base_url: base, config: { status_endpoint: "/status" } },
    });
    const id = created.body.id as string;
    const params = { id };

    const checked = await call(checkNow, key, `/integrations/${id}/health/check`, { method: "POST", params });
    expect(checked).toMatchObject({
      status: 200,
      body: { status: "DEGRADED", check: { outcome: "failure", status_code: 500 }, transition: { from: "UNKNOWN", to: "DEGRADED" } },
    });

    const one = await call(detail, key, `/integrations/${id}/health`, { params });
    expect(one.body).toMatchObject({
      integration_id: id,
      status: "DEGRADED",
      uptime: { "24h": 0, "7d": 0, "30d": 0 },
      last_error: { message: "The provider answered with an error (500)." },
    });
    expect((await call(history, key, `/integrations/${id}/health/checks?outcome=failure`, { params })).body.data).toHaveLength(1);
    expect((await call(history, key, `/integrations/${id}/health/checks?outcome=sideways`, { params })).status).toBe(422);
    expect((await call(list, key, "/integrations/health")).body.data).toEqual([
      expect.objectContaining({ integration_id: id, status: "DEGRADED" }),
    ]);

    const stranger = await keyFor("globex");
    expect((await call(detail, stranger, `/integrations/${id}/health`, { params })).status).toBe(404);
    expect((await call(checkNow, stranger, `/integrations/${id}/health/check`, { method: "POST", params })).status).toBe(404);
    expect((await call(list, stranger, "/integrations/health")).body.data).toEqual([]);

    const readOnly = await keyFor("acme", ["integrations:read"]);
    expect((await call(checkNow, readOnly, `/integrations/${id}/health/check`, { method: "POST", params })).status).toBe(403);
  });
});
