import { and, count, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { apiKeys, memberships } from "@/db/schema";
import { listRecentAudit } from "@/lib/audit";
import type { TenantContext } from "./context";

export async function tenantOverview(ctx: TenantContext) {
  const [[members], [keys], recent] = await Promise.all([
    db().select({ n: count() }).from(memberships).where(eq(memberships.tenantId, ctx.tenant.id)),
    db()
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt))),
    listRecentAudit(ctx.tenant.id, 10),
  ]);
  return { memberCount: members?.n ?? 0, activeApiKeyCount: keys?.n ?? 0, recent };
}
