import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { integrations } from "@/db/schema";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { PROVIDERS } from "@/lib/providers";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { listIntegrationsSchema, type ListIntegrationsInput } from "./schema";
import { usageOf } from "./usage";
import { loadOwned, visibleTo } from "@/lib/tenancy/data";
import { integrationView, type IntegrationView } from "./view";

const SORT_KEYS = {
  name: sql<string>`${integrations.name}`,
  provider: sql<string>`${integrations.provider}`,
  created_at: instantKey(integrations.createdAt),
  updated_at: instantKey(integrations.updatedAt),
};

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function listIntegrations(
  ctx: TenantContext,
  raw: ListIntegrationsInput = {},
): Promise<{ data: IntegrationView[]; next_cursor: string | null }> {
  requireRole(ctx, "viewer");
  const input = listIntegrationsSchema.parse(raw);
  const descending = input.sort.startsWith("-");
  const key = SORT_KEYS[input.sort.replace(/^-/, "") as keyof typeof SORT_KEYS];

  const filters: (SQL | undefined)[] = [visibleTo(integrations, ctx)];
  if (input.q) {
    const needle = input.q.toLowerCase();
    const byName = PROVIDERS.filter((p) => p.name.toLowerCase().includes(needle)).map((p) => p.key);
    filters.push(
      or(ilike(integrations.name, `%${escapeLike(input.q)}%`), byName.length ? inArray(integrations.provider, byName) : undefined),
    );
  }
  if (input.provider) filters.push(eq(integrations.provider, input.provider));
  if (input.category) {
    const keys = PROVIDERS.filter((p) => p.category === input.category).map((p) => p.key);
    filters.push(keys.length ? inArray(integrations.provider, keys) : sql`false`);
  }
  if (input.environment) filters.push(eq(integrations.environment, input.environment));
  if (input.status) filters.push(eq(integrations.status, input.status));
  if (input.health) filters.push(eq(integrations.healthStatus, input.health));
  if (input.connection_status) filters.push(eq(integrations.connectionStatus, input.connection_status));
  if (input.cursor) filters.push(afterCursor(input.cursor, cursorShapes.textThenId, [key, integrations.id], descending));

  const order = descending ? desc : asc;
  const rows = await db()
    .select({ row: integrations, sortKey: key })
    .from(integrations)
    .where(and(...filters))
    .orderBy(order(key), order(integrations.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  const usage = await usageOf(
    ctx,
    page.map((r) => r.row.id),
  );
  return { data: page.map((r) => integrationView(r.row, usage.get(r.row.id))), next_cursor };
}

export async function getIntegration(ctx: TenantContext, id: string): Promise<IntegrationView> {
  requireRole(ctx, "viewer");
  const row = await loadOwned(integrations, ctx, id);
  return integrationView(row, (await usageOf(ctx, [row.id])).get(row.id));
}
