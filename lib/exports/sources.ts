import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { listHealthChecks } from "@/lib/health/queries";
import { listIntegrations } from "@/lib/integrations";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { listDeliveries } from "@/lib/webhooks/queries";
import type { ExportTarget } from "./schema";

export type ColumnType = "string" | "integer" | "boolean" | "datetime" | "json";
export type ExportColumn = { name: string; type: ColumnType };
export type ExportRow = Record<string, unknown>;

export type ExportSource = {
  columns: ExportColumn[];
  /** Pages of rows, through the same list functions (and so the same filters and tenant scope) as the list pages. */
  pages(ctx: TenantContext, filters: Record<string, unknown>): AsyncGenerator<ExportRow[]>;
};

const col = (name: string, type: ColumnType = "string"): ExportColumn => ({ name, type });

async function* paged<T>(fetch: (cursor: string | undefined) => Promise<{ data: T[]; next_cursor: string | null }>) {
  let cursor: string | undefined;
  do {
    const page = await fetch(cursor);
    yield page.data;
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
}

const pick = (row: Record<string, unknown>, columns: ExportColumn[]) =>
  Object.fromEntries(columns.map((c) => [c.name, row[c.name] ?? null]));

const INTEGRATION_COLUMNS = [
  col("id"),
  col("name"),
  col("provider"),
  col("environment"),
  col("auth_type"),
  col("base_url"),
  col("status"),
  col("health_status"),
  col("connection_status"),
  // Never a secret: whether there are credentials and their masked hint.
  col("has_credentials", "boolean"),
  col("credentials_hint"),
  col("created_at", "datetime"),
  col("updated_at", "datetime"),
];

const HEALTH_COLUMNS = [
  col("id"),
  col("integration_id"),
  col("source"),
  col("outcome"),
  col("status_code", "integer"),
  col("response_time_ms", "integer"),
  col("error"),
  col("scheduled_at", "datetime"),
  col("checked_at", "datetime"),
];

const DELIVERY_COLUMNS = [
  col("id"),
  col("endpoint_id"),
  col("webhook_id"),
  col("event_type"),
  col("status"),
  col("attempts", "integer"),
  col("last_status_code", "integer"),
  col("last_attempt_at", "datetime"),
  col("created_at", "datetime"),
];

const AUDIT_COLUMNS = [
  col("id"),
  col("created_at", "datetime"),
  col("actor_type"),
  col("actor_label"),
  col("action"),
  col("target_type"),
  col("target_id"),
  col("ip"),
  col("details", "json"),
];

export const EXPORT_SOURCES: Record<ExportTarget, ExportSource> = {
  integrations: {
    columns: INTEGRATION_COLUMNS,
    async *pages(ctx, filters) {
      for await (const page of paged((cursor) => listIntegrations(ctx, { ...filters, limit: 100, cursor, sort: "name" })))
        yield page.map((r) => pick(r as unknown as ExportRow, INTEGRATION_COLUMNS));
    },
  },
  health_history: {
    columns: HEALTH_COLUMNS,
    async *pages(ctx, filters) {
      const { integration_id, ...rest } = filters as { integration_id: string };
      for await (const page of paged((cursor) => listHealthChecks(ctx, integration_id, { ...rest, limit: 100, cursor })))
        yield page.map((r) => pick({ ...r, integration_id }, HEALTH_COLUMNS));
    },
  },
  webhook_deliveries: {
    columns: DELIVERY_COLUMNS,
    async *pages(ctx, filters) {
      const { endpoint_id, ...rest } = filters as { endpoint_id: string };
      for await (const page of paged((cursor) => listDeliveries(ctx, endpoint_id, { ...rest, limit: 100, cursor })))
        yield page.map((r) => pick(r as unknown as ExportRow, DELIVERY_COLUMNS));
    },
  },
  audit_log: {
    columns: AUDIT_COLUMNS,
    async *pages(ctx, filters) {
      const f = filters as { action?: string; since?: string; until?: string };
      // The cursor keeps PostgreSQL's own text of the instant: a JS Date would drop its microseconds.
      let after: { at: string; id: string } | null = null;
      for (;;) {
        const conditions: (SQL | undefined)[] = [eq(auditEvents.tenantId, ctx.tenant.id)];
        if (f.action) conditions.push(eq(auditEvents.action, f.action));
        if (f.since) conditions.push(gte(auditEvents.createdAt, new Date(f.since)));
        if (f.until) conditions.push(lte(auditEvents.createdAt, new Date(f.until)));
        if (after) conditions.push(sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`);
        const rows = await withTenant(ctx, (tx) =>
          tx
            .select({ row: auditEvents, at: sql<string>`${auditEvents.createdAt}::text` })
            .from(auditEvents)
            .where(and(...conditions))
            .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
            .limit(500),
        );
        if (!rows.length) return;
        yield rows.map(({ row: r }) => ({
          id: r.id,
          created_at: r.createdAt.toISOString(),
          actor_type: r.actorType,
          actor_label: r.actorLabel,
          action: r.action,
          target_type: r.targetType,
          target_id: r.targetId,
          ip: r.ip,
          details: r.details,
        }));
        const last = rows[rows.length - 1]!;
        after = { at: last.at, id: last.row.id };
      }
    },
  },
};
