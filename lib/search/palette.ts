import { and, asc, eq, isNull } from "drizzle-orm";
import { apiKeys, integrations, webhookEndpoints } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { visibleTo, withTenant } from "@/lib/tenancy/data";

// Enough to find anything by typing; a tenant with more finds the rest on the list pages.
const PER_KIND = 200;

export type PaletteEntries = {
  integrations: { id: string; name: string }[];
  endpoints: { id: string; url: string; description: string }[];
  apiKeys: { id: string; name: string }[];
};

/** What the command palette can jump to, besides pages: the tenant's integrations, webhook endpoints and live API keys. */
export async function paletteEntries(ctx: TenantContext): Promise<PaletteEntries> {
  return withTenant(ctx, async (tx) => ({
    integrations: await tx
      .select({ id: integrations.id, name: integrations.name })
      .from(integrations)
      .where(visibleTo(integrations, ctx))
      .orderBy(asc(integrations.name))
      .limit(PER_KIND),
    endpoints: await tx
      .select({ id: webhookEndpoints.id, url: webhookEndpoints.url, description: webhookEndpoints.description })
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.tenantId, ctx.tenant.id))
      .orderBy(asc(webhookEndpoints.url))
      .limit(PER_KIND),
    apiKeys: await tx
      .select({ id: apiKeys.id, name: apiKeys.name })
      .from(apiKeys)
      .where(and(eq(apiKeys.tenantId, ctx.tenant.id), isNull(apiKeys.revokedAt)))
      .orderBy(asc(apiKeys.name))
      .limit(PER_KIND),
  }));
}
