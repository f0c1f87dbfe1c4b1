import { and, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/tenancy/context";
import { CATEGORIES, getProvider } from "@/lib/providers";
import { CONFIG_DEFAULTS } from "./schema";
import { NO_USAGE, type IntegrationUsage } from "./usage";

export type IntegrationRow = typeof integrations.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant's integration, locked for update when `lock` is set. A malformed id, another
 * tenant's id and a missing one all answer the same 404, so ids reveal nothing.
 */
/** Who may see the row: the tenant, narrowed to sandbox integrations for a test-mode API key. */
export type IntegrationScope = { tenant: Pick<TenantContext["tenant"], "id">; sandboxOnly?: boolean };

/** The rows a scope may see, for lists over `integrations`. */
export function visibleIntegrations(ctx: IntegrationScope): SQL {
  return and(eq(integrations.tenantId, ctx.tenant.id), ctx.sandboxOnly ? eq(integrations.environment, "sandbox") : undefined)!;
}

export async function loadOwnedIntegration(tx: Db, ctx: IntegrationScope, id: string, lock = false): Promise<IntegrationRow> {
  if (!UUID.test(id)) throw notFound("Integration");
  const query = tx
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, id), visibleIntegrations(ctx)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Integration");
  return row;
}

/** DESIGN §3's read shape: settings and state, `has_credentials` and a masked hint, never a secret. */
export function integrationView(row: IntegrationRow, usage: IntegrationUsage = NO_USAGE) {
  const provider = getProvider(row.provider);
  return {
    id: row.id,
    name: row.name,
    provider: row.provider,
    provider_name: provider?.name ?? row.provider,
    category: provider ? provider.category : null,
    category_label: provider ? CATEGORIES[provider.category] : null,
    environment: row.environment,
    auth_type: row.authType,
    base_url: row.baseUrl,
    config: { ...CONFIG_DEFAULTS, ...row.config },
    status: row.status,
    health_status: row.healthStatus,
    has_credentials: row.credentials !== null,
    credentials_hint: row.credentialsHint,
    usage,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
export type IntegrationView = ReturnType<typeof integrationView>;
