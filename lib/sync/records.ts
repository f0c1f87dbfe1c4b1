import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { entities, records, type RecordAction, type RecordSourceType } from "@/db/schema";
import { invalid, notFound } from "@/lib/errors";
import type { TenantScope } from "@/lib/tenancy/data";
import { recordHash } from "./canonical";

export type RecordSource = { type: RecordSourceType; id: string };

export type RecordRow = {
  externalId: string;
  data: Record<string, unknown>;
  /** The change time the remote reported for the record, when the stream has a change-time field. */
  remoteModifiedAt?: Date | null;
};

export type UpsertOptions = {
  /** The entity by key, or its id when the caller already holds the row. */
  entityKey?: string;
  entityId?: string;
  source: RecordSource;
  rows: RecordRow[];
  /** The run the rows belong to (written to last_run_id, and to last_seen_run_id for a full run's delete pass). */
  runId?: string | null;
  /** A full run marks unchanged rows as seen too, so its delete pass can tell them from vanished ones. */
  markSeen?: boolean;
};

export type RecordChange = { id: string; externalId: string; action: RecordAction };
export type UpsertResult = {
  created: number;
  updated: number;
  unchanged: number;
  changes: RecordChange[];
  /** External ids of deleted records the call brought back (counted as created, their action says so). */
  restored: string[];
};

/** Statements stay under PostgreSQL's parameter and memory comfort: callers may pass any number of rows. */
const BATCH = 1_000;

export async function entityIdFor(tx: Db, scope: TenantScope, options: { entityKey?: string; entityId?: string }): Promise<string> {
  const where = options.entityId ? eq(entities.id, options.entityId) : eq(entities.key, options.entityKey ?? "");
  const [row] = await tx
    .select({ id: entities.id })
    .from(entities)
    .where(and(eq(entities.tenantId, scope.tenant.id), where));
  if (!row) throw notFound("Entity");
  return row.id;
}

/**
 * Writes records of one entity from one source, keyed by external id, in one set-based statement
 * per thousand rows: new ids are created, rows whose canonical hash changed (or that had been
 * deleted) are updated, the rest are left alone and only counted. Within one call the last row
 * for an external id wins. Runs in the caller's transaction (`withTenant`'s tx).
 */
export async function upsertRecords(tx: Db, scope: TenantScope, options: UpsertOptions): Promise<UpsertResult> {
  const entityId = await entityIdFor(tx, scope, options);
  const byId = new Map<string, RecordRow>();
  for (const row of options.rows) {
    if (typeof row.externalId !== "string" || row.externalId === "")
      throw invalid("Every record needs an external id.", { external_id: "Required." });
    byId.set(row.externalId, row);
  }
  const rows = [...byId.values()];
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, changes: [], restored: [] };
  for (let i = 0; i < rows.length; i += BATCH) {
    const part = await upsertBatch(tx, scope, entityId, options, rows.slice(i, i + BATCH));
    result.created += part.created;
    result.updated += part.updated;
    result.unchanged += part.unchanged;
    result.changes.push(...part.changes);
    result.restored.push(...part.restored);
  }
  return result;
}

async function upsertBatch(tx: Db, scope: TenantScope, entityId: string, options: UpsertOptions, rows: RecordRow[]): Promise<UpsertResult> {
  const input = JSON.stringify(
    rows.map((r) => ({
      external_id: r.externalId,
      data: r.data,
      hash: recordHash(r.data),
      remote_modified_at: r.remoteModifiedAt ? r.remoteModifiedAt.toISOString() : null,
    })),
  );
  const runId = options.runId ?? null;
  const { type, id: sourceId } = options.source;
  const changed = rowsOf<{ id: string; external_id: string; last_action: RecordAction; existed: boolean }>(
    await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb)
          as x(external_id text, data jsonb, hash text, remote_modified_at timestamptz)
      )
      insert into records as r (tenant_id, entity_id, source_type, source_id, external_id, data, hash, last_action,
                                remote_modified_at, last_run_id, last_seen_run_id)
      select ${scope.tenant.id}::uuid, ${entityId}::uuid, ${type}, ${sourceId}, external_id, data, hash, 'created',
             remote_modified_at, ${runId}::uuid, ${runId}::uuid
        from input
      on conflict (tenant_id, entity_id, source_type, source_id, external_id) do update set
        data = excluded.data,
        hash = excluded.hash,
        last_modified_at = now(),
        last_action = case when r.deleted_at is null then 'updated' else 'created' end,
        deleted_at = null,
        remote_modified_at = coalesce(excluded.remote_modified_at, r.remote_modified_at),
        last_run_id = excluded.last_run_id,
        last_seen_run_id = excluded.last_seen_run_id
      where r.hash <> excluded.hash or r.deleted_at is not null
      returning r.id, r.external_id, r.last_action, (r.xmax <> 0) as existed
    `),
  );
  if (options.markSeen && runId && changed.length < rows.length) {
    const done = new Set(changed.map((c) => c.external_id));
    const unchangedIds = rows.map((r) => r.externalId).filter((id) => !done.has(id));
    await tx.execute(sql`
      update records set last_seen_run_id = ${runId}::uuid
       where tenant_id = ${scope.tenant.id}::uuid and entity_id = ${entityId}::uuid and source_type = ${type} and source_id = ${sourceId}
         and external_id in (select jsonb_array_elements_text(${JSON.stringify(unchangedIds)}::jsonb))
    `);
  }
  // A deleted record that comes back counts as created again.
  const created = changed.filter((c) => c.last_action === "created").length;
  return {
    created,
    updated: changed.length - created,
    unchanged: rows.length - changed.length,
    changes: changed.map((c) => ({ id: c.id, externalId: c.external_id, action: c.last_action })),
    // An inserted row has no xmax; an updated one carries the writing transaction's.
    restored: changed.flatMap((c) => (c.existed && c.last_action === "created" ? [c.external_id] : [])),
  };
}

/**
 * The delete pass of a completed full run: records of the source that the run did not see are
 * marked deleted (kept, with deleted_at). Never called for a failed, partial or cancelled run.
 */
export async function markUnseenDeleted(
  tx: Db,
  scope: TenantScope,
  entityId: string,
  source: RecordSource,
  runId: string,
): Promise<RecordChange[]> {
  const rows = await tx
    .update(records)
    .set({ deletedAt: sql`now()`, lastModifiedAt: sql`now()`, lastAction: "deleted", lastRunId: runId })
    .where(
      and(
        eq(records.tenantId, scope.tenant.id),
        eq(records.entityId, entityId),
        eq(records.sourceType, source.type),
        eq(records.sourceId, source.id),
        isNull(records.deletedAt),
        or(isNull(records.lastSeenRunId), ne(records.lastSeenRunId, runId)),
      ),
    )
    .returning({ id: records.id, externalId: records.externalId });
  return rows.map((r) => ({ ...r, action: "deleted" as const }));
}

/** Marks the given external ids deleted (a webhook or SSE delete event). */
export async function deleteRecordsByExternalId(
  tx: Db,
  scope: TenantScope,
  entityId: string,
  source: RecordSource,
  externalIds: string[],
  runId: string | null,
): Promise<RecordChange[]> {
  if (externalIds.length === 0) return [];
  const rows = rowsOf<{ id: string; external_id: string }>(
    await tx.execute(sql`
      update records set deleted_at = now(), last_modified_at = now(), last_action = 'deleted', last_run_id = ${runId}::uuid
       where tenant_id = ${scope.tenant.id}::uuid and entity_id = ${entityId}::uuid and source_type = ${source.type}
         and source_id = ${source.id} and deleted_at is null
         and external_id in (select jsonb_array_elements_text(${JSON.stringify(externalIds)}::jsonb))
      returning id, external_id
    `),
  );
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, action: "deleted" as const }));
}
