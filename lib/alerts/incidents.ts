import { and, desc, eq, sql } from "drizzle-orm";
import { alertIncidents, integrations, providerIncidents } from "@/db/schema";
import { getProvider } from "@/lib/providers";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";

/** The tenant's open incidents, newest first. */
export async function listOpenIncidents(ctx: TenantContext) {
  requireRole(ctx, "viewer");
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select()
      .from(alertIncidents)
      .where(and(eq(alertIncidents.tenantId, ctx.tenant.id), eq(alertIncidents.state, "open")))
      .orderBy(desc(alertIncidents.openedAt))
      .limit(50),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    summary: r.summary,
    link: r.link,
    event_count: r.eventCount,
    provider_incident: r.providerIncidentId !== null,
    opened_at: r.openedAt.toISOString(),
    last_event_at: r.lastEventAt.toISOString(),
  }));
}

/**
 * Provider outages that touch this tenant, each with only this tenant's integrations whose
 * incidents it explains (not those refusing credentials): other tenants are never named or counted.
 */
export async function providerOutagesFor(ctx: TenantContext, integrationId?: string) {
  requireRole(ctx, "viewer");
  return withTenant(ctx, async (tx) => {
    const rows = await tx
      .select({ outage: providerIncidents, integrationId: integrations.id, name: integrations.name, health: integrations.healthStatus })
      .from(alertIncidents)
      .innerJoin(providerIncidents, eq(providerIncidents.id, alertIncidents.providerIncidentId))
      .innerJoin(integrations, and(eq(integrations.id, sql`${alertIncidents.targetId}::uuid`), eq(integrations.tenantId, ctx.tenant.id)))
      .where(
        and(
          eq(alertIncidents.tenantId, ctx.tenant.id),
          eq(alertIncidents.state, "open"),
          eq(alertIncidents.targetType, "integration"),
          eq(providerIncidents.state, "open"),
          integrationId ? eq(integrations.id, integrationId) : undefined,
        ),
      )
      .orderBy(integrations.name);
    const byOutage = new Map<
      string,
      {
        id: string;
        provider: string;
        provider_name: string;
        opened_at: string;
        integrations: { id: string; name: string; health_status: string }[];
      }
    >();
    for (const r of rows) {
      const entry = byOutage.get(r.outage.id) ?? {
        id: r.outage.id,
        provider: r.outage.provider,
        provider_name: getProvider(r.outage.provider)?.name ?? r.outage.provider,
        opened_at: r.outage.openedAt.toISOString(),
        integrations: [],
      };
      entry.integrations.push({ id: r.integrationId, name: r.name, health_status: r.health });
      byOutage.set(r.outage.id, entry);
    }
    return [...byOutage.values()];
  });
}
export type ProviderOutage = Awaited<ReturnType<typeof providerOutagesFor>>[number];
