import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { expectCatalogued } from "@/tests/event-catalog";
import { auditEvents, healthChecks, healthRollupsHourly, integrationHealth, outboxEvents } from "@/db/schema";
import { createIntegration, getIntegration, setIntegrationEnabled, testConnection, updateIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import type { CheckResult } from "./check";
import { adoptNewIntegrations, claimDueChecks } from "./claim";
import {
  checkIntegrationNow,
  getIntegrationHealth,
  listHealthChecks,
  listIntegrationHealth,
  pruneHealthHistory,
  recordCheckResults,
} from "./index";
import { HealthScheduler } from "./scheduler";

// The peers listen on 127.0.0.1, which the guard refuses unless private networks are allowed.
vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();

async function integrationsAt(base: string, count: number, config: Record<string, unknown> = {}) {
  const owner = await ownerContext();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const created = await createIntegration(owner, {
      name: `Feed ${i}`,
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: base,
      credentials: { token: "peer-token-0000-4242" },
      config: { status_endpoint: `/status/${i}`, polling_interval_seconds: 60, retry_count: 0, ...config },
    });
    ids.push(created.id);
  }
  return { owner, ids };
}

async function makeAllDue() {
  await adoptNewIntegrations();
  await db()
    .update(integrationHealth)
    .set({ nextCheckAt: new Date(Date.now() - 1000) });
}

/** Runs a scheduler in this process until every due check has run and been written. */
async function runScheduler(scheduler = new HealthScheduler(16), ms = 1200) {
  await scheduler.runUntil(Date.now() + ms);
  await scheduler.drain();
  return scheduler;
}

function result(
  integrationId: string,
  tenantId: string,
  at: Date,
  outcome: CheckResult["outcome"],
  ms: number | null,
  statusCode: number | null = 200,
): CheckResult {
  return {
    integrationId,
    tenantId,
    source: "schedule",
    outcome,
    statusCode,
    responseTimeMs: ms,
    error: outcome === "success" ? null : "boom",
    scheduledAt: at,
    checkedAt: at,
  };
}

describe("health checks against a loopback provider", () => {
  it("checks through the integration's auth, records outcome, status code and time, and moves the status", async () => {
    let failing = false;
    const seen: string[] = [];
    const base = await peer((req, res) => {
      seen.push(req.headers.authorization ?? "");
      res.writeHead(failing ? 503 : 200, { "content-type": "application/json" }).end("{}");
    });
    const { owner, ids } = await integrationsAt(base, 1);
    const [id] = ids as [string];

    await makeAllDue();
    await runScheduler();
    expect(seen).toEqual(["Bearer peer-token-0000-4242"]);
    const [first] = await db().select().from(healthChecks).where(eq(healthChecks.integrationId, id));
    expect(first).toMatchObject({ source: "schedule", outcome: "success", statusCode: 200, error: null });
    expect(first!.responseTimeMs).toBeGreaterThanOrEqual(0);
    expect((await getIntegration(owner, id)).health_status).toBe("HEALTHY");

    failing = true;
    for (let i = 0; i < 3; i++) await checkIntegrationNow(owner, id);
    const health = await getIntegrationHealth(owner, id);
    expect(health).toMatchObject({ status: "DOWN", last_error: { message: "The provider answered with an error (503)." } });
    expect(health.transitions.map((t) => `${t.from}→${t.to}`)).toEqual(["DEGRADED→DOWN", "HEALTHY→DEGRADED", "UNKNOWN→HEALTHY"]);
    expect(health.uptime["24h"]).toBe(25);
    expect((await getIntegration(owner, id)).health_status).toBe("DOWN");

    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.health.changed"));
    expect(events.map((e) => e.payload)).toContainEqual(expect.objectContaining({ id, name: "Feed 0", from: "DEGRADED", to: "DOWN" }));
    for (const event of events) expectCatalogued(event);
    const audits = await db().select().from(auditEvents).where(eq(auditEvents.action, "integration.health.changed"));
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actorType: "system", targetId: id });

    failing = false;
    await checkIntegrationNow(owner, id);
    expect((await getIntegrationHealth(owner, id)).status).toBe("DOWN");
    await checkIntegrationNow(owner, id);
    expect((await getIntegrationHealth(owner, id)).status).toBe("HEALTHY");
  });

  it("records a timeout as a timeout", async () => {
    const base = await peer(() => {});
    const { owner, ids } = await integrationsAt(base, 1, { timeout_seconds: 1 });
    const outcome = await checkIntegrationNow(owner, ids[0]!);
    expect(outcome).toMatchObject({ status: "DEGRADED", check: { outcome: "timeout", status_code: null } });
    expect(outcome.check.error).toMatch(/No complete answer within 1 s/);
  });

  it("keeps each connection test as a health check", async () => {
    const base = await peer((_req, res) => res.writeHead(401).end());
    const { owner, ids } = await integrationsAt(base, 1);
    await testConnection(owner, ids[0]!);
    const history = await listHealthChecks(owner, ids[0]!);
    expect(history.data).toEqual([expect.objectContaining({ source: "test", outcome: "failure", status_code: 401 })]);
    expect((await getIntegration(owner, ids[0]!)).health_status).toBe("DEGRADED");
  });

  it("does not check a disabled integration", async () => {
    const hits = new Set<string>();
    const base = await peer((req, res) => {
      hits.add(req.url!);
      res.end("{}");
    });
    const { owner, ids } = await integrationsAt(base, 2);
    await setIntegrationEnabled(owner, ids[1]!, false);
    await makeAllDue();
    await runScheduler();
    expect([...hits]).toEqual(["/status/0"]);
    const [disabled] = await db().select().from(integrationHealth).where(eq(integrationHealth.integrationId, ids[1]!));
    expect(disabled!.lastCheckedAt).toBeNull();
    // Moved along rather than left due, so it does not sit at the head of every claim.
    expect(disabled!.nextCheckAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("leaves an integration without a status endpoint unmonitored: UNKNOWN, no checks, and Check now says why", async () => {
    const hits = new Set<string>();
    const base = await peer((req, res) => {
      hits.add(req.url!);
      res.end("{}");
    });
    const { owner, ids } = await integrationsAt(base, 2);
    const bare = await createIntegration(owner, { name: "No endpoint", provider: "custom_rest", auth_type: "none", base_url: base });
    await makeAllDue();
    await runScheduler();
    expect([...hits].sort()).toEqual(["/status/0", "/status/1"]);
    const view = await getIntegrationHealth(owner, bare.id);
    expect(view).toMatchObject({ monitored: false, status: "UNKNOWN", last_check: null, last_error: null });
    expect((await getIntegrationHealth(owner, ids[0]!)).monitored).toBe(true);
    expect((await getIntegration(owner, bare.id)).health_status).toBe("UNKNOWN");
    const refused = await checkIntegrationNow(owner, bare.id).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "validation_failed", fields: { status_endpoint: expect.stringContaining("status endpoint") } });
    expect(await db().select().from(healthChecks).where(eq(healthChecks.integrationId, bare.id))).toEqual([]);

    // One judged before it lost its endpoint goes back to UNKNOWN once, saying why.
    await checkIntegrationNow(owner, ids[0]!);
    await updateIntegration(owner, ids[0]!, { config: { status_endpoint: null } });
    await makeAllDue();
    await runScheduler();
    const dropped = await getIntegrationHealth(owner, ids[0]!);
    expect(dropped).toMatchObject({ monitored: false, status: "UNKNOWN" });
    expect(dropped.transitions[0]).toMatchObject({ from: "HEALTHY", to: "UNKNOWN", reason: expect.stringContaining("Not monitored") });
    const events = await db().select().from(outboxEvents).where(eq(outboxEvents.type, "integration.health.changed"));
    const last = events.filter((e) => (e.payload as { id: string }).id === ids[0]).at(-1)!;
    expect(last.payload).toMatchObject({ from: "HEALTHY", to: "UNKNOWN" });
    expectCatalogued(last);
    await makeAllDue();
    await runScheduler();
    expect((await getIntegrationHealth(owner, ids[0]!)).transitions.filter((t) => t.to === "UNKNOWN")).toHaveLength(1);
  });

  it("two workers claiming at the same time never run the same check", async () => {
    const counts = new Map<string, number>();
    const base = await peer((req, res) => {
      counts.set(req.url!, (counts.get(req.url!) ?? 0) + 1);
      setTimeout(() => res.end("{}"), 5);
    });
    const { ids } = await integrationsAt(base, 40);
    await makeAllDue();

    const [a, b] = await Promise.all([claimDueChecks(25), claimDueChecks(25)]);
    const claimed = [...a!, ...b!].map((c) => c.integrationId);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
    expect(await claimDueChecks(25)).toEqual([]);

    await makeAllDue();
    const workers = [new HealthScheduler(8), new HealthScheduler(8)];
    // Windows until every check has run (not one fixed window, which a loaded machine can outlast);
    // the checks' interval is far longer than this loop, so none is due twice.
    const deadline = Date.now() + 20_000;
    while (counts.size < 40 && Date.now() < deadline) await Promise.all(workers.map((w) => runScheduler(w, 500)));
    expect(workers.every((w) => w.started > 0)).toBe(true);
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await db().$count(healthChecks)).toBe(40);
    expect(new Set(ids)).toEqual(new Set((await db().select({ id: healthChecks.integrationId }).from(healthChecks)).map((r) => r.id)));
  });
});

describe("history", () => {
  it("rolls checks up per hour: counts, failures, max and percentiles from merged histograms", async () => {
    const base = await peer((_req, res) => res.end("{}"));
    const { owner, ids } = await integrationsAt(base, 1);
    const id = ids[0]!;
    const tenantId = owner.tenant.id;
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const at = (offsetMs: number) => new Date(hour + offsetMs);
    await adoptNewIntegrations();
    // Two batches land in the same hour and must add up; one lands in the previous hour.
    await recordCheckResults([
      result(id, tenantId, at(1000), "success", 40),
      result(id, tenantId, at(2000), "success", 60),
      result(id, tenantId, at(3000), "failure", 900, 500),
    ]);
    await recordCheckResults([result(id, tenantId, at(4000), "success", 80), result(id, tenantId, at(5000), "timeout", 10_000, null)]);
    await recordCheckResults([result(id, tenantId, at(-60_000), "success", 20)]);

    const rows = await db()
      .select()
      .from(healthRollupsHourly)
      .where(eq(healthRollupsHourly.integrationId, id))
      .orderBy(healthRollupsHourly.hour);
    expect(rows.map((r) => [r.checks, r.failures, r.latencyCount, r.latencySumMs, r.latencyMaxMs])).toEqual([
      [1, 0, 1, 20, 20],
      [5, 2, 4, 1080, 900],
    ]);
    expect(rows[1]!.latencyBuckets.reduce((s, n) => s + n, 0)).toBe(4);

    const health = await getIntegrationHealth(owner, id);
    expect(health.windows["24h"]).toMatchObject({ checks: 6, uptime: 66.67, max_ms: 900 });
    expect(health.hourly.at(-1)).toMatchObject({ checks: 5, failures: 2, uptime: 60, max_ms: 900 });
    expect(health.hourly.at(-2)).toMatchObject({ checks: 1, failures: 0, uptime: 100 });
    expect(health.windows["24h"].p50_ms).toBeGreaterThan(25);
    expect(health.windows["24h"].p50_ms).toBeLessThanOrEqual(75);

    const [listed] = (await listIntegrationHealth(owner)).data;
    expect(listed).toMatchObject({ integration_id: id, uptime: { "24h": 66.67, "7d": 66.67, "30d": 66.67 } });
    expect(listed!.p95_sparkline_ms).toHaveLength(24);
  });

  it("prunes raw checks after 30 days and rollups after a year", async () => {
    const base = await peer((_req, res) => res.end("{}"));
    const { owner, ids } = await integrationsAt(base, 1);
    await checkIntegrationNow(owner, ids[0]!);
    const now = Date.now();
    expect(await pruneHealthHistory(new Date(now + 29 * 86_400_000))).toEqual({ checks: 0, rollups: 0, transitions: 0 });
    expect(await pruneHealthHistory(new Date(now + 31 * 86_400_000))).toEqual({ checks: 1, rollups: 0, transitions: 0 });
    const health = await getIntegrationHealth(owner, ids[0]!);
    expect(health.recent_checks).toEqual([]);
    expect(health.windows["24h"].checks).toBe(1);
    expect(await pruneHealthHistory(new Date(now + 367 * 86_400_000))).toEqual({ checks: 0, rollups: 1, transitions: 1 });
    expect(await db().$count(healthRollupsHourly, sql`true`)).toBe(0);
  });
});
