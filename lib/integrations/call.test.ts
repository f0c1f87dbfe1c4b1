import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { integrationRequestLogs, integrations } from "@/db/schema";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { callIntegration } from "./call";
import { createIntegration } from "./index";

// The peers below listen on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const KEY = "sk_call_client_secret_4242";
const peer = loopbackPeers();

async function integrationAt(base: string) {
  const owner = await ownerContext();
  const { id } = await createIntegration(owner, {
    name: "Pushes",
    provider: "custom_rest",
    auth_type: "api_key",
    base_url: `${base}/v2`,
    credentials: { api_key: KEY, api_key_header: "X-Key" },
  });
  const [row] = await db().select().from(integrations).where(eq(integrations.id, id));
  return row!;
}

describe("the integration client", () => {
  it("sends method, query, headers and body under the base URL with the auth, and logs only when the caller asks", async () => {
    const seen: { method?: string; url?: string; key?: string; kind?: string; body: string }[] = [];
    const base = await peer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, key: req.headers["x-key"] as string, kind: req.headers["x-kind"] as string, body });
        res.writeHead(422, { "content-type": "application/json" }).end(JSON.stringify({ refused: `key ${KEY}` }));
      });
    });
    const row = await integrationAt(base);
    const result = await callIntegration(row, {
      method: "POST",
      path: "/units",
      query: { page: "2" },
      headers: { "x-kind": "push", "content-type": "application/json" },
      body: '{"id":1}',
      source: "test",
      log: "all",
    });
    expect(seen).toEqual([{ method: "POST", url: "/v2/units?page=2", key: KEY, kind: "push", body: '{"id":1}' }]);
    expect(result).toMatchObject({ ok: false, attempts: 1, problem: { summary: "The provider answered 422." } });
    expect(result.request.headers["x-key"]).toBe("[redacted]");

    await callIntegration(row, { path: "/units", source: "test", log: "none" });
    const logs = await db().select().from(integrationRequestLogs).where(eq(integrationRequestLogs.integrationId, row.id));
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ source: "test", method: "POST", statusCode: 422, success: false });
    expect(logs[0]!.responseExcerpt).toBe('{"refused":"key [redacted]"}');
  });

  it("sends the credentials to the integration's own origin only", async () => {
    let calls = 0;
    const elsewhere = await peer((_req, res) => void (calls++, res.end("{}")));
    const row = await integrationAt(await peer((_req, res) => res.end("{}")));
    const result = await callIntegration(row, { path: `${elsewhere}/steal`, source: "test", log: "none" });
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid_url" } });
    expect(calls).toBe(0);
  });
});
