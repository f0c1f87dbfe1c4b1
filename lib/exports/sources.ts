import { and, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { auditEvents, entities, integrations, syncRuns, type StoredEntityField } from "@/db/schema";
import { listHealthChecks } from "@/lib/health/queries";
import { listIntegrations } from "@/lib/integrations";
import { listRecords, loadEntity } from "@/lib/sync/entities";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { listDeliveries } from "@/lib/webhooks/queries";
import type { ExportTarget } from "./schema";

export type ColumnType = "string" | "integer" | "number" | "boolean" | "date" | "datetime" | "json";
export type ExportColumn = { name: string; type: ColumnType };
export type ExportRow = Record<string, unknown>;

export type ExportSource = {
  /** The file's schema; an entity's records have that entity's fields. */
  columns(ctx: TenantContext, filters: Record<string, unknown>): Promise<ExportColumn[]> | ExportColumn[];
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

const FIELD_TYPES: Record<StoredEntityField["type"], ColumnType> = {
  string: "string",
  enum: "string",
  number: "number",
  integer: "integer",
  boolean: "boolean",
  date: "date",
  datetime: "datetime",
  json: "json",
};

// The entity's own fields come first under their keys, so an export of records imports back into
// the entity as it is; what Patchbay knows about each record follows under a record_ prefix.
const RECORD_META_COLUMNS = [
  col("record_id"),
  col("record_external_id"),
  col("record_source_type"),
  col("record_source_id"),
  col("record_last_action"),
  col("record_first_seen_at", "datetime"),
  col("record_last_modified_at", "datetime"),
  col("record_deleted_at", "datetime"),
];

async function recordColumns(ctx: TenantContext, filters: Record<string, unknown>): Promise<ExportColumn[]> {
  const entity = await loadEntity(ctx, filters.entity as string);
  const taken = new Set(RECORD_META_COLUMNS.map((c) => c.name));
  const fields = entity.fields.filter((f) => !taken.has(f.key)).map((f) => col(f.key, FIELD_TYPES[f.type]));
  return [...fields, ...RECORD_META_COLUMNS];
}

const SYNC_RUN_COLUMNS = [
  col("id"),
  col("integration_id"),
  col("stream_id"),
  col("entity"),
  col("source_type"),
  col("source_id"),
  col("type"),
  col("direction"),
  col("trigger"),
  col("status"),
  col("status_reason"),
  col("processed", "integer"),
  col("created", "integer"),
  col("updated", "integer"),
  col("unchanged", "integer"),
  col("deleted", "integer"),
  col("failed", "integer"),
  col("pages", "integer"),
  col("bytes", "integer"),
  col("started_at", "datetime"),
  col("completed_at", "datetime"),
  col("duration_ms", "integer"),
  col("created_at", "datetime"),
];

type SyncRunFilters = { integration_id?: string; entity?: string; trigger?: string; status?: string; since?: string; until?: string };

/**
 * Every run of the tenant, newest first, imports' runs (no integration) included: the sync log
 * across integrations. A test-mode key's export sees only runs of sandbox integrations.
 */
async function* syncRunPages(ctx: TenantContext, filters: Record<string, unknown>): AsyncGenerator<ExportRow[]> {
  const f = filters as SyncRunFilters;
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const conditions: (SQL | undefined)[] = [
      eq(syncRuns.tenantId, ctx.tenant.id),
      ctx.sandboxOnly ? eq(integrations.environment, "sandbox") : undefined,
      f.integration_id ? eq(syncRuns.integrationId, f.integration_id) : undefined,
      f.entity ? eq(entities.key, f.entity) : undefined,
      f.trigger ? eq(syncRuns.trigger, f.trigger as typeof syncRuns.$inferSelect.trigger) : undefined,
      f.status ? eq(syncRuns.status, f.status as typeof syncRuns.$inferSelect.status) : undefined,
      f.since ? gte(syncRuns.createdAt, new Date(f.since)) : undefined,
      f.until ? lte(syncRuns.createdAt, new Date(f.until)) : undefined,
      after ? sql`(${syncRuns.createdAt}, ${syncRuns.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
    ];
    const rows = await withTenant(ctx, (tx) =>
      tx
        .select({ run: syncRuns, entity: entities.key, at: sql<string>`${syncRuns.createdAt}::text` })
        .from(syncRuns)
        .innerJoin(entities, eq(entities.id, syncRuns.entityId))
        .leftJoin(integrations, eq(integrations.id, syncRuns.integrationId))
        .where(and(...conditions))
        .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
        .limit(500),
    );
    if (!rows.length) return;
    yield rows.map(({ run: r, entity }) => ({
      id: r.id,
      integration_id: r.integrationId,
      stream_id: r.streamId,
      entity,
      source_type: r.sourceType,
      source_id: r.sourceId,
      type: r.type,
      direction: r.direction,
      trigger: r.trigger,
      status: r.status,
      status_reason: r.statusReason,
      processed: r.processed,
      created: r.created,
      updated: r.updated,
      unchanged: r.unchanged,
      deleted: r.deleted,
      failed: r.failed,
      pages: r.pages,
      bytes: r.bytes,
      started_at: r.startedAt,
      completed_at: r.completedAt,
      duration_ms: r.durationMs,
      created_at: r.createdAt,
    }));
    const last = rows[rows.length - 1]!;
    after = { at: last.at, id: last.run.id };
  }
}

export const EXPORT_SOURCES: Record<ExportTarget, ExportSource> = {
  integrations: {
    columns: () => INTEGRATION_COLUMNS,
    async *pages(ctx, filters) {
      for await (const page of paged((cursor) => listIntegrations(ctx, { ...filters, limit: 100, cursor, sort: "name" })))
        yield page.map((r) => pick(r as unknown as ExportRow, INTEGRATION_COLUMNS));
    },
  },
  health_history: {
    columns: () => HEALTH_COLUMNS,
    async *pages(ctx, filters) {
      const { integration_id, ...rest } = filters as { integration_id: string };
      for await (const page of paged((cursor) => listHealthChecks(ctx, integration_id, { ...rest, limit: 100, cursor })))
        yield page.map((r) => pick({ ...r, integration_id }, HEALTH_COLUMNS));
    },
  },
  webhook_deliveries: {
    columns: () => DELIVERY_COLUMNS,
    async *pages(ctx, filters) {
      const { endpoint_id, ...rest } = filters as { endpoint_id: string };
      for await (const page of paged((cursor) => listDeliveries(ctx, endpoint_id, { ...rest, limit: 100, cursor })))
        yield page.map((r) => pick(r as unknown as ExportRow, DELIVERY_COLUMNS));
    },
  },
  audit_log: {
    columns: () => AUDIT_COLUMNS,
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
  records: {
    columns: recordColumns,
    async *pages(ctx, filters) {
      const { entity, ...rest } = filters as { entity: string };
      const columns = await recordColumns(ctx, filters);
      for await (const page of paged((cursor) => listRecords(ctx, entity, { ...rest, limit: 100, cursor })))
        yield page.map((r) =>
          pick(
            {
              ...r.data,
              record_id: r.id,
              record_external_id: r.external_id,
              record_source_type: r.source.type,
              record_source_id: r.source.id,
              record_last_action: r.last_action,
              record_first_seen_at: r.first_seen_at,
              record_last_modified_at: r.last_modified_at,
              record_deleted_at: r.deleted_at,
            },
            columns,
          ),
        );
    },
  },
  sync_runs: { columns: () => SYNC_RUN_COLUMNS, pages: syncRunPages },
};
