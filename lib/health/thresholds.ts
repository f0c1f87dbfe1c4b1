import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import { invalid } from "@/lib/errors";
import { integrations, integrationHealth } from "@/db/schema";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { healthThresholdsSchema, type HealthThresholds } from "./schema";
import { DEFAULT_THRESHOLDS } from "./transitions";

type ThresholdColumns = Pick<
  typeof integrationHealth.$inferSelect,
  "failuresToDegraded" | "failuresToDown" | "successesToRecover" | "latencyThresholdMs"
>;

export function thresholdsView(row: ThresholdColumns | null | undefined): HealthThresholds {
  const t = row ?? DEFAULT_THRESHOLDS;
  return {
    failures_to_degraded: t.failuresToDegraded,
    failures_to_down: t.failuresToDown,
    successes_to_recover: t.successesToRecover,
    latency_threshold_ms: t.latencyThresholdMs,
  };
}

/**
 * Changes an integration's status rules. They apply from the next check on; the current
 * status stays until a check moves it, so a change never rewrites history.
 */
export async function updateHealthThresholds(ctx: TenantContext, id: string, raw: unknown): Promise<HealthThresholds> {
  requireRole(ctx, "admin");
  const input = healthThresholdsSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const integration = await loadOwned(integrations, ctx, id, { lock: true });
    const [current] = await tx.select().from(integrationHealth).where(eq(integrationHealth.integrationId, integration.id)).for("update");
    const before = thresholdsView(current);
    const next: HealthThresholds = { ...before, ...input };
    // Checked on the merged rules: a patch of one field must not leave DOWN before DEGRADED.
    if (next.failures_to_down < next.failures_to_degraded) {
      throw invalid("The status rules are not valid.", {
        failures_to_down: `At least ${next.failures_to_degraded}, the failures that make it DEGRADED.`,
      });
    }
    const columns = {
      failuresToDegraded: next.failures_to_degraded,
      failuresToDown: next.failures_to_down,
      successesToRecover: next.successes_to_recover,
      latencyThresholdMs: next.latency_threshold_ms,
    };
    await tx
      .insert(integrationHealth)
      .values({ integrationId: integration.id, tenantId: integration.tenantId, ...columns })
      .onConflictDoUpdate({ target: integrationHealth.integrationId, set: columns });
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof HealthThresholds] !== v));
    if (Object.keys(changed).length > 0) {
      await recordAudit(
        {
          tenantId: ctx.tenant.id,
          actor: ctx.actor,
          action: "integration.health.thresholds_updated",
          target: { type: "integration", id: integration.id },
          details: { before, after: next },
        },
        tx,
      );
    }
    return next;
  });
}
