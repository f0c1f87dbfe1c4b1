import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { integrationHealth, integrations } from "@/db/schema";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned } from "@/lib/tenancy/data";
import { runCheck } from "./check";
import { recordHealthCheck } from "./record";

/**
 * "Check now": one check at once, recorded like a scheduled one, with the status it led to.
 * The schedule is left alone; a check due in a moment simply runs as well.
 */
export async function checkIntegrationNow(ctx: TenantContext, id: string) {
  requireRole(ctx, "admin");
  const row = await loadOwned(integrations, ctx, id);
  const now = new Date();
  const result = await runCheck(
    {
      integrationId: row.id,
      tenantId: row.tenantId,
      provider: row.provider,
      authType: row.authType,
      baseUrl: row.baseUrl,
      config: row.config,
      credentials: row.credentials,
    },
    "manual",
    now,
  );
  const recorded = await recordHealthCheck(result);
  const [state] = await db()
    .select({ status: integrationHealth.status })
    .from(integrationHealth)
    .where(eq(integrationHealth.integrationId, row.id));
  return {
    check: {
      outcome: result.outcome,
      status_code: result.statusCode,
      response_time_ms: result.responseTimeMs,
      error: result.error,
      checked_at: result.checkedAt.toISOString(),
    },
    status: state?.status ?? "UNKNOWN",
    transition: recorded?.transition ?? null,
  };
}
