import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { db } from "@/db/client";
import { integrationRequestLogs } from "@/db/schema";
import { ownerContext } from "@/tests/fixtures";
import { createIntegration, getIntegration, listRequestLogs, pruneRequestLogs, testConnection } from "./index";

// The peers below listen on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const KEY = "sk_test_peer_secret_4242";
const peer = loopbackPeers();

async function integrationAt(base: string, config: Record<string, unknown> = {}, credentials: Record<string, string> = { api_key: KEY }) {
  const owner = await ownerContext();
  const created = await createIntegration(owner, {
    name: "Ticketing feed",
    provider: "custom_rest",
    auth_type: "api_key",
    base_url: base,
    credentials,
    config: { status_endpoint: "/units", status_path: "$.units[*].status", retry_count: 0, ...config },
  });
  return { owner, id: created.id };
}

const units = {
  account: { name: "Box office", api_key: KEY },
  units: ["Available", "AVAILABLE", "SOLD", "Weird", "OnHold"].map((status, i) => ({ id: i, status, note: `echo ${KEY}` })),
};

describe("test connection", () => {
  it("calls the endpoint with the key, and shows status, timing, a redacted sample and mapped statuses", async () => {
    let seenKey: string | undefined;
    const base = await peer((req, res) => {
      seenKey = req.headers["x-api-key"] as string;
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(units));
    });
    const { owner, id } = await integrationAt(base);
    expect((await getIntegration(owner, id)).connection_status).toBe("pending");
    const result = await testConnection(owner, id);

    expect(seenKey).toBe(KEY);
    expect(result).toMatchObject({ success: true, status_code: 200, error: null, attempts: 1 });
    expect(result.response_time_ms).toBeGreaterThanOrEqual(0);
    expect(result.mapped_statuses).toEqual({ counts: { available: 2, sold: 1, hold: 1 }, unmapped: ["Weird"] });
    expect(result.status_values).toEqual([
      { value: "Available", count: 1 },
      { value: "AVAILABLE", count: 1 },
      { value: "SOLD", count: 1 },
      { value: "Weird", count: 1 },
      { value: "OnHold", count: 1 },
    ]);
    expect((result.sample_data as { units: unknown[] }).units).toHaveLength(3);
    expect(result.request?.headers["x-api-key"]).toBe("[redacted]");
    expect(JSON.stringify(result)).not.toContain(KEY);

    const logs = await listRequestLogs(owner, id);
    expect(logs.data).toHaveLength(1);
    expect(logs.data[0]).toMatchObject({ method: "GET", status_code: 200, success: true, url: `${base}/units` });
    expect(JSON.stringify(logs)).not.toContain(KEY);
    expect(await getIntegration(owner, id)).toMatchObject({
      health_status: "HEALTHY",
      connection_status: "connected",
      usage: { total_requests: 1, failed_requests: 0, success_rate: 100 },
    });
  });

  it("explains a 401, keeps the key out of the log even when the provider echoes it, and counts the failure", async () => {
    const base = await peer((req, res) => {
      const basic = req.headers.authorization ?? "";
      res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: `bad credentials: ${basic}` }));
    });
    const { owner, id } = await integrationAt(base, {}, { api_key: KEY, api_key_header: "Authorization" });
    const result = await testConnection(owner, id);
    // The error body is not a status feed: no mapping preview is made from it.
    expect(result).toMatchObject({ success: false, status_code: 401, mapped_statuses: null, status_values: null });
    expect(result.error).toMatch(/refused the credentials \(401\)/);

    const [log] = await db().select().from(integrationRequestLogs).where(eq(integrationRequestLogs.integrationId, id));
    expect(log).toMatchObject({ success: false, statusCode: 401 });
    expect(log!.responseExcerpt).toContain("bad credentials: [redacted]");
    expect(JSON.stringify([result, log])).not.toContain(KEY);
    expect(await getIntegration(owner, id)).toMatchObject({
      connection_status: "error",
      usage: { total_requests: 1, failed_requests: 1, success_rate: 0, by_source: { test: { requests: 1, failed: 1 } } },
    });
  });

  it("gives up after the timeout, retrying as configured, and says why", async () => {
    let calls = 0;
    const base = await peer(() => void calls++);
    const { owner, id } = await integrationAt(base, { timeout_seconds: 1, retry_count: 1 });
    const result = await testConnection(owner, id);
    expect(result).toMatchObject({ success: false, status_code: null, attempts: 2 });
    expect(result.error).toMatch(/No complete answer within 1 s/);
    expect(calls).toBe(2);
    expect((await listRequestLogs(owner, id, { success: "false" })).data).toHaveLength(2);
  });

  it("retries a 5xx with backoff and reports the rate limit's Retry-After", async () => {
    let calls = 0;
    const base = await peer((_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(503).end("busy");
      else res.writeHead(429, { "retry-after": "30" }).end();
    });
    const { owner, id } = await integrationAt(base, { retry_count: 3 });
    const result = await testConnection(owner, id);
    expect(calls).toBe(2);
    expect(result).toMatchObject({ status_code: 429, retry_after_seconds: 30, attempts: 2 });
    expect(result.error).toMatch(/wait 30 s/);
  });

  it("says what to do when there is nothing to call, without sending anything", async () => {
    const owner = await ownerContext();
    const { id } = await createIntegration(owner, {
      name: "No endpoint",
      provider: "custom_rest",
      auth_type: "none",
      base_url: "https://api.example.com",
    });
    expect((await testConnection(owner, id)).error).toMatch(/set a status endpoint/);
    expect((await listRequestLogs(owner, id)).data).toEqual([]);
  });

  it("prunes log entries older than the retention period", async () => {
    const base = await peer((_req, res) => res.end("{}"));
    const { owner, id } = await integrationAt(base);
    await testConnection(owner, id);
    expect(await pruneRequestLogs(new Date(), 30)).toBe(0);
    expect(await pruneRequestLogs(new Date(Date.now() + 31 * 86_400_000), 30)).toBe(1);
    expect((await listRequestLogs(owner, id)).data).toEqual([]);
  });
});
