import { describe, expect, it } from "vitest";
import { recordCheckResults } from "@/lib/health";
import { adoptNewIntegrations } from "@/lib/health/claim";
import { createIntegration, updateIntegration } from "@/lib/integrations";
import { ownerContext } from "@/tests/fixtures";
import { liveStamp } from "./stamp";

async function feed(owner: Awaited<ReturnType<typeof ownerContext>>, name: string) {
  return createIntegration(owner, {
    name,
    provider: "custom_rest",
    auth_type: "bearer",
    base_url: "https://erp.example.test",
    credentials: { token: "peer-token-0000-4242" },
    config: { status_endpoint: "/status", polling_interval_seconds: 60, retry_count: 0 },
  });
}

describe("liveStamp", () => {
  it("moves when a check, an edit or a rename lands for the tenant, and only for that tenant", async () => {
    const acme = await ownerContext("acme");
    const globex = await ownerContext("globex");
    const mine = await feed(acme, "ERP");
    const theirs = await feed(globex, "Their ERP");

    await adoptNewIntegrations();
    const before = await liveStamp(acme);
    expect(await liveStamp(acme)).toBe(before);

    const at = new Date(Date.now() + 1000);
    await recordCheckResults([
      {
        integrationId: theirs.id,
        tenantId: globex.tenant.id,
        source: "schedule",
        outcome: "failure",
        statusCode: 500,
        responseTimeMs: 12,
        error: "boom",
        scheduledAt: at,
        checkedAt: at,
      },
    ]);
    expect(await liveStamp(acme)).toBe(before);

    await recordCheckResults([
      {
        integrationId: mine.id,
        tenantId: acme.tenant.id,
        source: "schedule",
        outcome: "failure",
        statusCode: 500,
        responseTimeMs: 12,
        error: "boom",
        scheduledAt: at,
        checkedAt: at,
      },
    ]);
    const afterCheck = await liveStamp(acme);
    expect(afterCheck).not.toBe(before);

    await updateIntegration(acme, mine.id, { name: "ERP (production)" });
    expect(await liveStamp(acme)).not.toBe(afterCheck);
  });
});
