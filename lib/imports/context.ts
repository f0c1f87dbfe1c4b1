import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { tenants } from "@/db/schema";
import type { Actor } from "@/lib/audit";
import type { TenantContext } from "@/lib/tenancy/context";

/**
 * The context background work acts in: the tenant, as the person or key who started it (audit
 * names them), with the admin role its start required, and a test key's sandbox narrowing kept.
 */
export async function backgroundContext(tenantId: string, actor: Actor, sandboxOnly: boolean): Promise<TenantContext> {
  const [tenant] = await db()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!tenant) throw new Error(`backgroundContext: tenant ${tenantId} is gone`);
  return { tenant, role: "admin", actor, ...(sandboxOnly ? { sandboxOnly } : {}) };
}
