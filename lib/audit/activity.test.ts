import { describe, expect, it } from "vitest";
import { recordCheckResults } from "@/lib/health";
import { adoptNewIntegrations } from "@/lib/health/claim";
import type { CheckResult } from "@/lib/health/check";
import { createIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { recentActivity } from "./activity";

function check(integrationId: string, tenantId: string, at: number, outcome: CheckResult["outcome"]): CheckResult {
  const when = new Date(at);
  return {
    integrationId,
    tenantId,
    source: "schedule",
    outcome,
    statusCode: outcome === "success" ? 200 : 503,
    responseTimeMs: outcome === "success" ? 20 : null,
    error: outcome === "success" ? null : "maintenance",
    scheduledAt: when,
    checkedAt: when,
  };
}

describe("recentActivity", () => {
  it("names the integration and folds a flapping one's health changes into one line with a count", async () => {
    const owner = await ownerContext();
    const feed = await createIntegration(owner, {
      name: "Box office feed",
      provider: "custom_rest",
      auth_type: "bearer",
      base_url: "https://erp.example.test",
      credentials: { token: "peer-token-0000-4242" },
      config: { status_endpoint: "/status", polling_interval_seconds: 60, retry_count: 0 },
    });
    await adoptNewIntegrations();
    const start = Date.now() + 1000;
    // Up, down, up, down: four health changes (UNKNOWN→HEALTHY, →DEGRADED, →HEALTHY after two successes, →DEGRADED).
    const outcomes: CheckResult["outcome"][] = ["success", "failure", "success", "success", "failure"];
    for (const [i, outcome] of outcomes.entries()) {
      await recordCheckResults([check(feed.id, owner.tenant.id, start + i * 1000, outcome)]);
    }

    const items = await recentActivity(owner, 10);
    const health = items.filter((i) => i.action === "integration.health.changed");
    expect(health).toHaveLength(1);
    expect(health[0]).toMatchObject({ target: "Box office feed", count: 4, outcome: "DEGRADED" });
    expect(items.find((i) => i.action === "integration.created")).toMatchObject({ target: "Box office feed", count: 1 });
  });
});
