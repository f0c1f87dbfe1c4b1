import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { integrationUsageDaily, type RequestLogSource } from "@/db/schema";
import { logError } from "@/lib/log";
import { tenantDb, type TenantScope } from "@/lib/tenancy/data";

/**
 * Every outbound call of an integration (tests, health checks, token calls, later sync) is
 * counted here in memory and written every few seconds as one multi-row upsert into
 * integration_usage_daily, as API-key usage is: at 10,000 integrations checked every 30 s, a
 * write per call would be 333 statements a second. A crash loses at most the last few seconds of
 * counts. Counts of this process not yet written are added in when read, so a caller sees its
 * own call at once.
 */
const FLUSH_AFTER_MS = 5_000;
const ROWS_PER_STATEMENT = 500;

type Tally = { integrationId: string; tenantId: string; day: string; source: RequestLogSource; requests: number; failed: number };
const pending = new Map<string, Tally>();
let timer: ReturnType<typeof setTimeout> | null = null;

export type CallCounted = { integrationId: string; tenantId: string; source: RequestLogSource; success: boolean };

export function countCall(call: CallCounted, at = new Date()): void {
  const day = at.toISOString().slice(0, 10);
  const key = `${call.integrationId}|${day}|${call.source}`;
  let entry = pending.get(key);
  if (!entry) {
    entry = { integrationId: call.integrationId, tenantId: call.tenantId, day, source: call.source, requests: 0, failed: 0 };
    pending.set(key, entry);
  }
  entry.requests += 1;
  if (!call.success) entry.failed += 1;
  if (!timer) {
    timer = setTimeout(
      () => void flushIntegrationUsage().catch((error: unknown) => logError("usage: flush failed", error)),
      FLUSH_AFTER_MS,
    );
    timer.unref?.();
  }
}

export async function flushIntegrationUsage(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const batch = [...pending.values()];
  pending.clear();
  for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
    const rows = batch.slice(i, i + ROWS_PER_STATEMENT);
    const values = sql.join(
      rows.map(
        (t) => sql`(${t.integrationId}::uuid, ${t.tenantId}::uuid, ${t.day}::date, ${t.source}, ${t.requests}::int, ${t.failed}::int)`,
      ),
      sql`, `,
    );
    const u = integrationUsageDaily;
    // The join drops counts for integrations deleted since the call: nothing is left to count them against.
    await db().execute(sql`
      insert into ${u} (integration_id, tenant_id, day, source, requests, failed)
      select v.integration_id, v.tenant_id, v.day, v.source, v.requests, v.failed
      from (values ${values}) as v(integration_id, tenant_id, day, source, requests, failed)
      join integrations i on i.id = v.integration_id
      on conflict (integration_id, day, source) do update
      set requests = ${u.requests} + excluded.requests, failed = ${u.failed} + excluded.failed`);
  }
}

export type SourceUsage = { requests: number; failed: number };
export type IntegrationUsage = {
  total_requests: number;
  failed_requests: number;
  success_rate: number | null;
  by_source: Partial<Record<RequestLogSource, SourceUsage>>;
};

export const NO_USAGE: IntegrationUsage = { total_requests: 0, failed_requests: 0, success_rate: null, by_source: {} };

function add(into: IntegrationUsage, source: RequestLogSource, requests: number, failed: number) {
  const slot = (into.by_source[source] ??= { requests: 0, failed: 0 });
  slot.requests += requests;
  slot.failed += failed;
  into.total_requests += requests;
  into.failed_requests += failed;
}

/**
 * All-time usage per integration: written days, plus this process's counts not yet written. It
 * reads through the tenant's transaction when there is one (PGlite has a single connection).
 */
export async function usageOf(scope: TenantScope, integrationIds: string[]): Promise<Map<string, IntegrationUsage>> {
  const result = new Map<string, IntegrationUsage>(integrationIds.map((id) => [id, { ...NO_USAGE, by_source: {} }]));
  if (integrationIds.length === 0) return result;
  const u = integrationUsageDaily;
  const rows = await tenantDb(scope)
    .select({
      integrationId: u.integrationId,
      source: u.source,
      requests: sql<number>`sum(${u.requests})::int`,
      failed: sql<number>`sum(${u.failed})::int`,
    })
    .from(u)
    .where(and(eq(u.tenantId, scope.tenant.id), inArray(u.integrationId, integrationIds)))
    .groupBy(u.integrationId, u.source);
  for (const row of rows) add(result.get(row.integrationId)!, row.source, Number(row.requests), Number(row.failed));
  for (const t of pending.values()) {
    const usage = result.get(t.integrationId);
    if (usage) add(usage, t.source, t.requests, t.failed);
  }
  for (const usage of result.values()) {
    const total = usage.total_requests;
    usage.success_rate = total === 0 ? null : Math.round(((total - usage.failed_requests) / total) * 1000) / 10;
  }
  return result;
}
