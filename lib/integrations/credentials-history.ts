import { and, desc, eq, or, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";

/**
 * When the integration's credentials were last set and by whom, from the audit log (the write
 * that set them records "credentials" among its changes, or created the integration).
 */
export async function credentialsLastReplaced(ctx: TenantContext, integrationId: string): Promise<{ at: Date; by: string } | null> {
  return withTenant(ctx, async (tx) => {
    const [row] = await tx
      .select({ at: auditEvents.createdAt, label: auditEvents.actorLabel, type: auditEvents.actorType })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.tenantId, ctx.tenant.id),
          eq(auditEvents.targetType, "integration"),
          eq(auditEvents.targetId, integrationId),
          or(
            eq(auditEvents.action, "integration.created"),
            and(eq(auditEvents.action, "integration.updated"), sql`${auditEvents.details}->'changed' @> '["credentials"]'::jsonb`),
          ),
        ),
      )
      .orderBy(desc(auditEvents.createdAt))
      .limit(1);
    return row ? { at: row.at, by: row.label ?? row.type } : null;
  });
}
