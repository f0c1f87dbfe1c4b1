import { and, asc, count, desc, eq, gte, isNotNull, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, loadOwned, visibleTo } from "@/lib/tenancy/data";
import { listDeliveriesSchema, type ListDeliveriesInput } from "./schema";

const CREATED_KEY = instantKey(webhookDeliveries.createdAt);

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

function deliveryView(row: DeliveryRow, webhookId: string) {
  return {
    id: row.id,
    endpoint_id: row.endpointId,
    webhook_id: webhookId,
    event_type: row.eventType,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.status === "pending" ? (row.nextAttemptAt?.toISOString() ?? null) : null,
    last_attempt_at: row.lastAttemptAt?.toISOString() ?? null,
    last_status_code: row.lastStatusCode,
    created_at: row.createdAt.toISOString(),
  };
}
export type DeliveryView = ReturnType<typeof deliveryView>;

export async function listDeliveries(ctx: TenantContext, endpointId: string, raw: ListDeliveriesInput = {}) {
  requireRole(ctx, "viewer");
  const input = listDeliveriesSchema.parse(raw);
  const endpoint = await loadOwned(webhookEndpoints, ctx, endpointId);
  const filters: SQL[] = [eq(webhookDeliveries.endpointId, endpoint.id), visibleTo(webhookDeliveries, ctx)];
  if (input.status) filters.push(eq(webhookDeliveries.status, input.status));
  if (input.event_type) filters.push(eq(webhookDeliveries.eventType, input.event_type));
  if (input.cursor)
    filters.push(afterCursor(input.cursor, cursorShapes.instantThenId, [webhookDeliveries.createdAt, webhookDeliveries.id], true));
  const rows = await db()
    .select({ row: webhookDeliveries, webhookId: webhookMessages.webhookId, sortKey: CREATED_KEY })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(input.limit + 1);
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  return { data: page.map((r) => deliveryView(r.row, r.webhookId)), next_cursor };
}

/** One delivery with its payload and every attempt, for the attempt detail view. */
export async function getDelivery(ctx: TenantContext, deliveryId: string) {
  requireRole(ctx, "viewer");
  if (!isUuid(deliveryId)) throw notFound("Delivery");
  const [found] = await db()
    .select({ row: webhookDeliveries, message: webhookMessages })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(and(eq(webhookDeliveries.id, deliveryId), visibleTo(webhookDeliveries, ctx)));
  if (!found) throw notFound("Delivery");
  const attempts = await db()
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(asc(webhookAttempts.attempt));
  return {
    ...deliveryView(found.row, found.message.webhookId),
    payload: found.message.body,
    attempt_log: attempts.map((a) => ({
      attempt: a.attempt,
      started_at: a.startedAt.toISOString(),
      duration_ms: a.durationMs,
      status_code: a.statusCode,
      success: a.success,
      error_kind: a.errorKind,
      error: a.error,
      response_excerpt: a.responseExcerpt,
      request_headers: a.requestHeaders ?? {},
      response_headers: a.responseHeaders,
    })),
  };
}
export type DeliveryDetail = Awaited<ReturnType<typeof getDelivery>>;

const DAY_MS = 24 * 3600 * 1000;
export const STATS_DAYS = 7;

/**
 * Deliveries so far (total, succeeded, failed; the rest are pending), the latest attempted one,
 * and the last 7 UTC days' attempts per day, oldest first, today included. The success rate is
 * of attempts in those 7 days.
 */
export async function endpointStats(ctx: TenantContext, endpointId: string, now = new Date()) {
  requireRole(ctx, "viewer");
  const endpoint = await loadOwned(webhookEndpoints, ctx, endpointId);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const since = new Date(today - (STATS_DAYS - 1) * DAY_MS);
  const day = sql<string>`to_char(${webhookAttempts.startedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const ofEndpoint = and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.tenantId, ctx.tenant.id));
  const [perDay, [totals], [last]] = await Promise.all([
    db()
      .select({ day, succeeded: sql<number>`count(*) filter (where ${webhookAttempts.success})`, total: count() })
      .from(webhookAttempts)
      .innerJoin(webhookDeliveries, eq(webhookDeliveries.id, webhookAttempts.deliveryId))
      .where(and(ofEndpoint, gte(webhookAttempts.startedAt, since)))
      .groupBy(day),
    db()
      .select({
        total: count(),
        succeeded: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'succeeded')`,
        failed: sql<number>`count(*) filter (where ${webhookDeliveries.status} = 'failed')`,
      })
      .from(webhookDeliveries)
      .where(ofEndpoint),
    db()
      .select({ at: webhookDeliveries.lastAttemptAt, status: webhookDeliveries.status, code: webhookDeliveries.lastStatusCode })
      .from(webhookDeliveries)
      .where(and(ofEndpoint, isNotNull(webhookDeliveries.lastAttemptAt)))
      .orderBy(desc(webhookDeliveries.lastAttemptAt), desc(webhookDeliveries.createdAt))
      .limit(1),
  ]);
  const byDay = new Map(perDay.map((r) => [r.day, { succeeded: Number(r.succeeded), failed: Number(r.total) - Number(r.succeeded) }]));
  const daily = Array.from({ length: STATS_DAYS }, (_, i) => {
    const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day: date, ...(byDay.get(date) ?? { succeeded: 0, failed: 0 }) };
  });
  const succeeded = daily.reduce((n, d) => n + d.succeeded, 0);
  const attempts = succeeded + daily.reduce((n, d) => n + d.failed, 0);
  return {
    deliveries: {
      total: Number(totals?.total ?? 0),
      succeeded: Number(totals?.succeeded ?? 0),
      failed: Number(totals?.failed ?? 0),
    },
    last_delivery: last?.at ? { at: last.at.toISOString(), status: last.status, status_code: last.code } : null,
    attempts,
    succeeded,
    success_rate: attempts === 0 ? null : Math.round((succeeded / attempts) * 1000) / 10,
    daily,
  };
}
export type EndpointStats = Awaited<ReturnType<typeof endpointStats>>;

export async function deliveryEventTypes(ctx: TenantContext, endpointId: string): Promise<string[]> {
  requireRole(ctx, "viewer");
  const rows = await db()
    .selectDistinct({ type: webhookDeliveries.eventType })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.endpointId, endpointId), visibleTo(webhookDeliveries, ctx)))
    .orderBy(webhookDeliveries.eventType);
  return rows.map((r) => r.type);
}
