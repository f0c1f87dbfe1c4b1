import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createIntegration } from "@/lib/integrations";
import { ownerContext, withRole } from "@/tests/fixtures";
import { loopbackPeers } from "@/tests/peers/loopback-server";
import { checkIntegrationNow, getIntegrationHealth, updateHealthThresholds } from "./index";

vi.mock("@/lib/env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/env")>();
  return { ...actual, env: () => ({ ...actual.env(), allowPrivateNetwork: true }) };
});

const peer = loopbackPeers();

async function failingIntegration() {
  const base = await peer((_req, res) => res.writeHead(503, { "content-type": "application/json" }).end("{}"));
  const owner = await ownerContext();
  const created = await createIntegration(owner, {
    name: "Ledger",
    provider: "custom_rest",
    auth_type: "none",
    base_url: base,
    config: { status_endpoint: "/status", retry_count: 0 },
  });
  return { owner, id: created.id };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error as AppError & { issues?: { path: PropertyKey[]; message: string }[] };
  }
  throw new Error("expected a rejection");
}

describe("per-integration status rules", () => {
  it("start at the defaults and, once changed, decide the status from the next check on", async () => {
    const { owner, id } = await failingIntegration();
    expect((await getIntegrationHealth(owner, id)).thresholds).toEqual({
      failures_to_degraded: 1,
      failures_to_down: 3,
      successes_to_recover: 2,
      latency_threshold_ms: 2000,
    });

    expect(await updateHealthThresholds(owner, id, { failures_to_degraded: 2, failures_to_down: 2 })).toMatchObject({
      failures_to_degraded: 2,
      failures_to_down: 2,
    });
    expect((await checkIntegrationNow(owner, id)).status).toBe("UNKNOWN");
    expect((await checkIntegrationNow(owner, id)).status).toBe("DOWN");

    const [audit] = await db().select().from(auditEvents).where(eq(auditEvents.action, "integration.health.thresholds_updated"));
    expect(audit?.details).toMatchObject({ before: { failures_to_down: 3 }, after: { failures_to_down: 2 } });
  });

  it("refuse out-of-range values and DOWN before DEGRADED, also when only one side is sent", async () => {
    const { owner, id } = await failingIntegration();
    const outOfRange = await rejection(updateHealthThresholds(owner, id, { failures_to_down: 0, latency_threshold_ms: 10 }));
    expect(outOfRange.issues?.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "failures_to_down: At least 1.",
      "latency_threshold_ms: At least 50 ms.",
    ]);

    await updateHealthThresholds(owner, id, { failures_to_degraded: 4, failures_to_down: 6 });
    const inverted = await rejection(updateHealthThresholds(owner, id, { failures_to_down: 3 }));
    expect(inverted).toMatchObject({ status: 422, fields: { failures_to_down: "At least 4, the failures that make it DEGRADED." } });
    expect((await getIntegrationHealth(owner, id)).thresholds.failures_to_down).toBe(6);
  });

  it("are changed by admins only", async () => {
    const { owner, id } = await failingIntegration();
    expect((await rejection(updateHealthThresholds(withRole(owner, "viewer"), id, { failures_to_down: 5 }))).status).toBe(403);
  });
});
