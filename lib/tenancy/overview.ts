import { and, count, eq, isNull } from "drizzle-orm";
import { apiKeys, integrations, memberships } from "@/db/schema";
import { recentActivity } from "@/lib/audit/activity";
import type { TenantContext } from "./context";
import { withTenant } from "./data";

export async function tenantOverview(ctx: TenantContext) {
  // One after another: they share the tenant's one transaction.
  const counts = await withTenant(ctx, async (tx) => {
    const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, ctx.tenant.id));
    const [keys] = await tx
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt)));
    const [linked] = await tx.select({ n: count() }).from(integrations).where(eq(integrations.tenantId, ctx.tenant.id));
    return { memberCount: members?.n ?? 0, activeApiKeyCount: keys?.n ?? 0, integrationCount: linked?.n ?? 0 };
  });
  return { ...counts, recent: await recentActivity(ctx, 10) };
}
