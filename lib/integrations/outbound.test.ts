import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { healthChecks, integrations } from "@/db/schema";
import { runCheck, type CheckTarget } from "@/lib/health/check";
import { adoptNewIntegrations } from "@/lib/health/claim";
import { recordCheckResults } from "@/lib/health/record";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { createIntegration, getIntegration, listRequestLogs, testConnection } from "./index";
import { getProvider } from "@/lib/providers";
import { callIntegration } from "./call";
import { takeToken } from "./outbound-limit";
import { flushIntegrationUsage } from "./usage";

// The peers below listen on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const KEY = "sk_outbound_secret_8181";
const peer = loopbackPeers();

/** A status endpoint that answers each status in turn, then the last one for good. */
async function flaky(statuses: number[]) {
  const seen: string[] = [];
  const base = await peer((req, res) => {
    seen.push(req.url ?? "");
    const status = statuses[Math.min(seen.length - 1, statuses.length - 1)]!;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ status, echoed: KEY }));
  });
  return { base, seen };
}

async function setUp(base: string, config: Record<string, unknown> = {}) {
  const owner = await ownerContext();
  const { id } = await createIntegration(owner, {
    name: `Units ${Math.random().toString(36).slice(2, 8)}`,
    provider: "custom_rest",
    auth_type: "api_key",
    base_url: base,
    credentials: { api_key: KEY, api_key_header: "X-Key" },
    config: { status_endpoint: "/status", retry_count: 0, ...config },
  });
  const [row] = await db().select().from(integrations).where(eq(integrations.id, id));
  const target: CheckTarget = {
    integrationId: id,
    tenantId: row!.tenantId,
    provider: row!.provider,
    authType: row!.authType,
    baseUrl: row!.baseUrl,
    config: row!.config,
    credentials: row!.credentials,
  };
  return { owner, id, row: row!, target };
}

describe("health checks through the integration client", () => {
  it("log each failed attempt under source health and the check's call id, and only a sample of successes", async () => {
    const { base } = await flaky([503, 200]);
    const { owner, id, target } = await setUp(base);

    const failed = await runCheck(target, "schedule", new Date());
    expect(failed.outcome).toBe("failure");
    const ok1 = await runCheck(target, "schedule", new Date());
    const ok2 = await runCheck(target, "schedule", new Date());
    expect([ok1.outcome, ok2.outcome]).toEqual(["success", "success"]);
    await adoptNewIntegrations();
    await recordCheckResults([failed, ok1, ok2]);

    const { data } = await listRequestLogs(owner, id, { source: "health" });
    // Newest first: the first success of the hour is sampled, the second is not.
    expect(data.map((l) => [l.source, l.status_code, l.success, l.source_id])).toEqual([
      ["health", 200, true, ok1.callId],
      ["health", 503, false, failed.callId],
    ]);
    expect(JSON.stringify(data[1]!.request_headers)).not.toContain(KEY);
    expect(data[1]!.response_excerpt).not.toContain(KEY);
    const [check] = await db().select().from(healthChecks).where(eq(healthChecks.callId, failed.callId!));
    expect(check).toMatchObject({ integrationId: id, outcome: "failure", statusCode: 503 });
  });

  it("retry as the integration's retry_count says", async () => {
    const { base, seen } = await flaky([503, 502, 200]);
    const { target } = await setUp(base, { retry_count: 2 });
    const result = await runCheck(target, "schedule", new Date());
    expect(result).toMatchObject({ outcome: "success", statusCode: 200 });
    expect(seen).toHaveLength(3);

    const once = await flaky([503, 200]);
    const none = await setUp(once.base, { retry_count: 0 });
    expect((await runCheck(none.target, "schedule", new Date())).outcome).toBe("failure");
    expect(once.seen).toHaveLength(1);
  });

  it("default to every 30 s", async () => {
    const { base } = await flaky([200]);
    const { owner, id } = await setUp(base);
    expect((await getIntegration(owner, id)).config.polling_interval_seconds).toBe(30);
  });
});

describe("the request log", () => {
  it("filters by source", async () => {
    const { base } = await flaky([500]);
    const { owner, id, target } = await setUp(base);
    await testConnection(owner, id);
    await runCheck(target, "schedule", new Date());
    const all = await listRequestLogs(owner, id);
    expect(all.data.map((l) => l.source).sort()).toEqual(["health", "test"]);
    expect((await listRequestLogs(owner, id, { source: "test" })).data.map((l) => l.source)).toEqual(["test"]);
    expect((await listRequestLogs(owner, id, { source: "health" })).data.map((l) => l.source)).toEqual(["health"]);
    await expect(listRequestLogs(owner, id, { source: "nope" as "test" })).rejects.toThrow();
  });
});

describe("usage", () => {
  it("counts tests and health checks, every attempt, without writing the integration row", async () => {
    const { base } = await flaky([503, 200]);
    const { owner, id, target, row } = await setUp(base, { retry_count: 1 });
    await testConnection(owner, id);
    for (let i = 0; i < 3; i++) await runCheck(target, "schedule", new Date());
    await flushIntegrationUsage();
    const usage = (await getIntegration(owner, id)).usage;
    expect(usage).toEqual({
      total_requests: 5,
      failed_requests: 1,
      success_rate: 80,
      by_source: { test: { requests: 2, failed: 1 }, health: { requests: 3, failed: 0 } },
    });
    const [after] = await db().select().from(integrations).where(eq(integrations.id, id));
    expect(after!.updatedAt).toEqual(row.updatedAt);
  });
});

describe("the provider rate limit", () => {
  afterEach(() => vi.useRealTimers());

  it("lets a burst of the limit through, then spaces calls at its rate, and refuses a wait past the bound", async () => {
    vi.useFakeTimers();
    const limit = { requests: 2, perSeconds: 1 };
    const done: number[] = [];
    const calls = [0, 1, 2, 3].map((i) => takeToken("bucket-a", limit, 5_000).then((ok) => ok && done.push(i)));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(500);
    expect(done).toEqual([0, 1, 2, 3]);
    await Promise.all(calls);

    expect(await takeToken("bucket-b", { requests: 1, perSeconds: 60 }, 1_000)).toBe(true);
    expect(await takeToken("bucket-b", { requests: 1, perSeconds: 60 }, 1_000)).toBe(false);
  });
});

describe("calls to a provider with a documented limit", () => {
  it("are refused without being sent when the wait for the integration's bucket would pass the bound", async () => {
    const { base, seen } = await flaky([200]);
    const { owner, id, row } = await setUp(base);
    // Xero allows 60 calls a minute: with the bucket spent and five callers queued, the next would wait 6 s.
    const xero = { ...row, provider: "xero" };
    const limit = getProvider("xero")!.rateLimit!;
    for (let i = 0; i < 60; i++) await takeToken(id, limit);
    const queued = Array.from({ length: 5 }, () => takeToken(id, limit));
    const result = await callIntegration(xero, { path: "/status", source: "test", log: "all" });
    expect(result).toMatchObject({ ok: false, response: null });
    expect(result.problem?.summary).toBe("Rate limited by Patchbay's limit for Xero (60 requests per 60 s); the call was not sent.");
    expect(seen).toHaveLength(0);
    expect((await listRequestLogs(owner, id)).data[0]).toMatchObject({ success: false, status_code: null });
    void Promise.all(queued);
  });
});
