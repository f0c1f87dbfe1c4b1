import { and, desc, eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { healthChecks, healthRollupsHourly, healthTransitions, integrationHealth, integrations, type HealthStatus } from "@/db/schema";
import { CONFIG_DEFAULTS } from "@/lib/integrations/schema";
import { loadOwned, visibleTo } from "@/lib/tenancy/data";
import { statusEndpointOf } from "@/lib/integrations/status-endpoint";
import { thresholdsView } from "./thresholds";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { getProvider } from "@/lib/providers";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { emptyBuckets, mergeBuckets, percentile } from "./histogram";
import { listHealthChecksSchema, listHealthSchema, type HealthWindow, type ListHealthChecksInput, type ListHealthInput } from "./schema";

const HOUR_MS = 3_600_000;
const WINDOW_HOURS: Record<HealthWindow, number> = { "24h": 24, "7d": 168, "30d": 720 };
const STATUSES = new Set<HealthStatus>(["UNKNOWN", "HEALTHY", "DEGRADED", "DOWN"]);

type RollupRow = typeof healthRollupsHourly.$inferSelect;

export type HourPoint = {
  hour: string;
  checks: number;
  failures: number;
  uptime: number | null;
  p50_ms: number | null;
  p95_ms: number | null;
  max_ms: number | null;
};

function currentHourStart(now: number) {
  return Math.floor(now / HOUR_MS) * HOUR_MS;
}

/** The start of a window counted in whole hours, the current (partial) hour included. */
function windowStart(window: HealthWindow, now = Date.now()): Date {
  return new Date(currentHourStart(now) - (WINDOW_HOURS[window] - 1) * HOUR_MS);
}

function uptimeOf(rows: Pick<RollupRow, "checks" | "failures">[]): number | null {
  const checks = rows.reduce((s, r) => s + r.checks, 0);
  if (checks === 0) return null;
  const failures = rows.reduce((s, r) => s + r.failures, 0);
  return Math.round(((checks - failures) / checks) * 10_000) / 100;
}

function latencyOf(rows: Pick<RollupRow, "latencyBuckets" | "latencyMaxMs">[]) {
  const buckets = emptyBuckets();
  let max = 0;
  for (const r of rows) {
    mergeBuckets(buckets, r.latencyBuckets);
    max = Math.max(max, r.latencyMaxMs);
  }
  return { p50_ms: percentile(buckets, 0.5, max), p95_ms: percentile(buckets, 0.95, max), max_ms: buckets.some((n) => n > 0) ? max : null };
}

/** One point per hour over the last `hours`, oldest first, empty hours included. */
export function hourlySeries(rows: RollupRow[], hours: number, now = Date.now()): HourPoint[] {
  const start = currentHourStart(now) - (hours - 1) * HOUR_MS;
  const byHour = new Map(rows.map((r) => [r.hour.getTime(), r]));
  return Array.from({ length: hours }, (_, i) => {
    const at = start + i * HOUR_MS;
    const row = byHour.get(at);
    return {
      hour: new Date(at).toISOString(),
      checks: row?.checks ?? 0,
      failures: row?.failures ?? 0,
      uptime: row ? uptimeOf([row]) : null,
      ...(row ? latencyOf([row]) : { p50_ms: null, p95_ms: null, max_ms: null }),
    };
  });
}

function statusOf(value: string | null | undefined): HealthStatus {
  return value && STATUSES.has(value as HealthStatus) ? (value as HealthStatus) : "UNKNOWN";
}

type Row = { integration: typeof integrations.$inferSelect; health: typeof integrationHealth.$inferSelect | null };

function baseView(row: Row) {
  const { integration: i, health: h } = row;
  const config = { ...CONFIG_DEFAULTS, ...i.config };
  return {
    integration_id: i.id,
    name: i.name,
    provider: i.provider,
    provider_name: getProvider(i.provider)?.name ?? i.provider,
    enabled: i.status === "enabled",
    monitored: statusEndpointOf({ provider: i.provider, config }) !== null,
    status: statusOf(h?.status),
    check_interval_seconds: config.polling_interval_seconds,
    status_changed_at: h?.statusChangedAt?.toISOString() ?? null,
    next_check_at: i.status === "enabled" ? (h?.nextCheckAt.toISOString() ?? null) : null,
    last_check: h?.lastCheckedAt ? { checked_at: h.lastCheckedAt.toISOString(), outcome: h.lastOutcome } : null,
    last_error: h?.lastError ? { message: h.lastError, at: h.lastErrorAt?.toISOString() ?? null } : null,
    thresholds: thresholdsView(h),
  };
}

const SEVERITY = sql<number>`case coalesce(${integrationHealth.status}, 'UNKNOWN') when 'DOWN' then 0 when 'DEGRADED' then 1 when 'UNKNOWN' then 2 else 3 end`;

/** Every integration's health, worst first: uptime 24h/7d/30d, 24h latency and an hourly p95 sparkline. */
export async function listIntegrationHealth(ctx: TenantContext, raw: ListHealthInput = {}) {
  requireRole(ctx, "viewer");
  const input = listHealthSchema.parse(raw);
  const filters: SQL[] = [visibleTo(integrations, ctx)];
  if (input.cursor)
    filters.push(afterCursor(input.cursor, cursorShapes.rankNameThenId, [SEVERITY, integrations.name, integrations.id], false));
  const rows = await db()
    .select({ integration: integrations, health: integrationHealth, rank: SEVERITY })
    .from(integrations)
    .leftJoin(integrationHealth, eq(integrationHealth.integrationId, integrations.id))
    .where(and(...filters))
    .orderBy(SEVERITY, integrations.name, integrations.id)
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.rank, r.integration.name, r.integration.id]);
  const ids = page.map((r) => r.integration.id);
  const now = Date.now();
  const rollups = ids.length
    ? await db()
        .select()
        .from(healthRollupsHourly)
        .where(and(inArray(healthRollupsHourly.integrationId, ids), gte(healthRollupsHourly.hour, windowStart("30d", now))))
    : [];
  const byIntegration = new Map<string, RollupRow[]>();
  for (const r of rollups) {
    const list = byIntegration.get(r.integrationId);
    if (list) list.push(r);
    else byIntegration.set(r.integrationId, [r]);
  }
  return {
    data: page.map((row) => {
      const mine = byIntegration.get(row.integration.id) ?? [];
      const within = (w: HealthWindow) => mine.filter((r) => r.hour >= windowStart(w, now));
      const day = within("24h");
      return {
        ...baseView(row),
        uptime: { "24h": uptimeOf(day), "7d": uptimeOf(within("7d")), "30d": uptimeOf(mine) },
        latency_ms: latencyOf(day),
        p95_sparkline_ms: hourlySeries(day, 24, now).map((p) => p.p95_ms),
      };
    }),
    next_cursor,
  };
}
export type IntegrationHealthListItem = Awaited<ReturnType<typeof listIntegrationHealth>>["data"][number];

function checkView(c: typeof healthChecks.$inferSelect) {
  return {
    id: String(c.id),
    source: c.source,
    outcome: c.outcome,
    status_code: c.statusCode,
    response_time_ms: c.responseTimeMs,
    error: c.error,
    scheduled_at: c.scheduledAt.toISOString(),
    checked_at: c.checkedAt.toISOString(),
    // Its calls in the request log carry this as source_id.
    call_id: c.callId,
  };
}
export type HealthCheckView = ReturnType<typeof checkView>;

function transitionView(t: typeof healthTransitions.$inferSelect) {
  return {
    id: String(t.id),
    integration_id: t.integrationId,
    from: t.fromStatus,
    to: t.toStatus,
    reason: t.reason,
    at: t.createdAt.toISOString(),
  };
}
export type TransitionView = ReturnType<typeof transitionView>;

/** One integration's health: figures per window, the last checks and status changes, and hourly series for 30 days. */
export async function getIntegrationHealth(ctx: TenantContext, id: string) {
  requireRole(ctx, "viewer");
  const integration = await loadOwned(integrations, ctx, id);
  const now = Date.now();
  const [[health], rollups, recent, transitions] = await Promise.all([
    db().select().from(integrationHealth).where(eq(integrationHealth.integrationId, id)),
    db()
      .select()
      .from(healthRollupsHourly)
      .where(and(eq(healthRollupsHourly.integrationId, id), gte(healthRollupsHourly.hour, windowStart("30d", now)))),
    db()
      .select()
      .from(healthChecks)
      .where(eq(healthChecks.integrationId, id))
      .orderBy(desc(healthChecks.checkedAt), desc(healthChecks.id))
      .limit(10),
    db()
      .select()
      .from(healthTransitions)
      .where(eq(healthTransitions.integrationId, id))
      .orderBy(desc(healthTransitions.createdAt), desc(healthTransitions.id))
      .limit(20),
  ]);
  const within = (w: HealthWindow) => rollups.filter((r) => r.hour >= windowStart(w, now));
  const windows = Object.fromEntries(
    (["24h", "7d", "30d"] as const).map((w) => [
      w,
      { uptime: uptimeOf(within(w)), checks: within(w).reduce((s, r) => s + r.checks, 0), ...latencyOf(within(w)) },
    ]),
  ) as Record<HealthWindow, { uptime: number | null; checks: number; p50_ms: number | null; p95_ms: number | null; max_ms: number | null }>;
  return {
    ...baseView({ integration, health: health ?? null }),
    uptime: { "24h": windows["24h"].uptime, "7d": windows["7d"].uptime, "30d": windows["30d"].uptime },
    latency_ms: { p50: windows["24h"].p50_ms, p95: windows["24h"].p95_ms },
    windows,
    recent_checks: recent.map(checkView),
    transitions: transitions.map(transitionView),
    hourly: hourlySeries(rollups, WINDOW_HOURS["30d"], now),
  };
}
export type IntegrationHealthDetail = Awaited<ReturnType<typeof getIntegrationHealth>>;

const CHECKED_KEY = instantKey(healthChecks.checkedAt);

export async function listHealthChecks(ctx: TenantContext, integrationId: string, raw: ListHealthChecksInput = {}) {
  requireRole(ctx, "viewer");
  const input = listHealthChecksSchema.parse(raw);
  await loadOwned(integrations, ctx, integrationId);
  const filters: SQL[] = [eq(healthChecks.integrationId, integrationId), visibleTo(healthChecks, ctx)];
  if (input.outcome) filters.push(eq(healthChecks.outcome, input.outcome));
  if (input.cursor)
    filters.push(afterCursor(input.cursor, cursorShapes.instantThenSerial, [healthChecks.checkedAt, healthChecks.id], true));
  const rows = await db()
    .select({ check: healthChecks, sortKey: CHECKED_KEY })
    .from(healthChecks)
    .where(and(...filters))
    .orderBy(desc(healthChecks.checkedAt), desc(healthChecks.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.check.id]);
  return { data: page.map((r) => checkView(r.check)), next_cursor };
}

/** The dashboard's picture: counts by status, what is broken, what changed, and the last day per hour. */
export async function tenantHealthOverview(ctx: TenantContext) {
  requireRole(ctx, "viewer");
  const tenantId = ctx.tenant.id;
  const now = Date.now();
  const since = windowStart("24h", now);
  const [counts, problems, transitions, hourly, buckets] = await Promise.all([
    db()
      .select({ status: sql<string>`coalesce(${integrationHealth.status}, 'UNKNOWN')`, n: sql<number>`count(*)::int` })
      .from(integrations)
      .leftJoin(integrationHealth, eq(integrationHealth.integrationId, integrations.id))
      .where(and(visibleTo(integrations, ctx), eq(integrations.status, "enabled")))
      .groupBy(sql`1`),
    db()
      .select({ integration: integrations, health: integrationHealth })
      .from(integrationHealth)
      .innerJoin(integrations, eq(integrations.id, integrationHealth.integrationId))
      .where(
        and(visibleTo(integrationHealth, ctx), inArray(integrationHealth.status, ["DOWN", "DEGRADED"]), eq(integrations.status, "enabled")),
      )
      .orderBy(SEVERITY, desc(integrationHealth.statusChangedAt))
      .limit(20),
    db()
      .select({ t: healthTransitions, name: integrations.name })
      .from(healthTransitions)
      .innerJoin(integrations, eq(integrations.id, healthTransitions.integrationId))
      .where(visibleTo(healthTransitions, ctx))
      .orderBy(desc(healthTransitions.createdAt), desc(healthTransitions.id))
      .limit(10),
    db()
      .select({
        hour: healthRollupsHourly.hour,
        checks: sql<number>`sum(${healthRollupsHourly.checks})::int`,
        failures: sql<number>`sum(${healthRollupsHourly.failures})::int`,
        max: sql<number>`max(${healthRollupsHourly.latencyMaxMs})::int`,
      })
      .from(healthRollupsHourly)
      .where(and(visibleTo(healthRollupsHourly, ctx), gte(healthRollupsHourly.hour, since)))
      .groupBy(healthRollupsHourly.hour),
    db().execute(sql`
      select (extract(epoch from r.hour) * 1000)::float8 as at, u.n::int as n, sum(u.b)::int as count
      from health_rollups_hourly r, unnest(r.latency_buckets) with ordinality as u(b, n)
      where r.tenant_id = ${tenantId} and r.hour >= ${since.toISOString()}::timestamptz
      group by 1, 2`),
  ]);
  const merged = new Map<number, number[]>();
  for (const b of rowsOf<{ at: number; n: number; count: number }>(buckets)) {
    const list = merged.get(Number(b.at)) ?? emptyBuckets();
    list[Number(b.n) - 1] = Number(b.count);
    merged.set(Number(b.at), list);
  }
  const series = hourlySeries(
    hourly.map((h) => ({
      integrationId: "",
      tenantId,
      hour: new Date(h.hour),
      checks: h.checks,
      failures: h.failures,
      latencyCount: 0,
      latencySumMs: 0,
      latencyMaxMs: h.max,
      latencyBuckets: merged.get(new Date(h.hour).getTime()) ?? emptyBuckets(),
    })),
    24,
    now,
  );
  const byStatus: Record<HealthStatus, number> = { DOWN: 0, DEGRADED: 0, HEALTHY: 0, UNKNOWN: 0 };
  for (const c of counts) byStatus[statusOf(c.status)] += c.n;
  return {
    counts: byStatus,
    problems: problems.map((row) => baseView(row)),
    transitions: transitions.map(({ t, name }) => ({ ...transitionView(t), name })),
    hourly: series,
  };
}
export type TenantHealthOverview = Awaited<ReturnType<typeof tenantHealthOverview>>;
