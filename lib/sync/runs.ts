import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  syncRunErrors,
  syncRuns,
  type RecordAction,
  type StreamDirection,
  type SyncCounts,
  type SyncRunStatus,
  type SyncRunType,
  type SyncTrigger,
} from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { redact } from "@/lib/audit/redact";
import type { TenantScope } from "@/lib/tenancy/data";
import type { RecordChange, RecordSource } from "./records";

export type SyncRunRow = typeof syncRuns.$inferSelect;

export type NewRun = {
  entityId: string;
  source: RecordSource;
  type: SyncRunType;
  trigger: SyncTrigger;
  direction?: StreamDirection;
  integrationId?: string | null;
  streamId?: string | null;
  status?: "queued" | "running";
  replayOf?: string | null;
};

/** A sync run row: the sync log's entry. Imports record theirs with trigger "import" and source type "import". */
export async function createRun(tx: Db, scope: TenantScope, run: NewRun): Promise<SyncRunRow> {
  const status = run.status ?? "queued";
  const [row] = await tx
    .insert(syncRuns)
    .values({
      tenantId: scope.tenant.id,
      entityId: run.entityId,
      sourceType: run.source.type,
      sourceId: run.source.id,
      integrationId: run.integrationId ?? (run.source.type === "integration" ? run.source.id : null),
      streamId: run.streamId ?? null,
      type: run.type,
      direction: run.direction ?? "inbound",
      trigger: run.trigger,
      status,
      replayOf: run.replayOf ?? null,
      startedAt: status === "running" ? new Date() : null,
      heartbeatAt: status === "running" ? new Date() : null,
    })
    .returning();
  return row!;
}

export type RunDelta = Partial<SyncCounts> & { pages?: number; bytes?: number };

/** Adds to a run's counters (and beats its heartbeat); `checkpoint` replaces the stored one when given. */
export async function addRunProgress(
  tx: Db,
  scope: TenantScope,
  runId: string,
  delta: RunDelta,
  checkpoint?: Record<string, unknown> | null,
) {
  const n = (v: number | undefined) => v ?? 0;
  await tx
    .update(syncRuns)
    .set({
      processed: sql`${syncRuns.processed} + ${n(delta.processed)}`,
      created: sql`${syncRuns.created} + ${n(delta.created)}`,
      updated: sql`${syncRuns.updated} + ${n(delta.updated)}`,
      unchanged: sql`${syncRuns.unchanged} + ${n(delta.unchanged)}`,
      deleted: sql`${syncRuns.deleted} + ${n(delta.deleted)}`,
      failed: sql`${syncRuns.failed} + ${n(delta.failed)}`,
      pages: sql`${syncRuns.pages} + ${n(delta.pages)}`,
      bytes: sql`${syncRuns.bytes} + ${n(delta.bytes)}`,
      heartbeatAt: new Date(),
      ...(checkpoint !== undefined ? { checkpoint } : {}),
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.tenantId, scope.tenant.id)));
}

export type RunErrorInput = { externalId?: string | null; kind: string; message: string; fieldErrors?: unknown[]; record?: unknown };

/** Rejected records beyond this many per run are counted, not stored: a broken mapping must not fill the table. */
export const MAX_STORED_ERRORS_PER_RUN = 1_000;
const RECORD_EXCERPT_BYTES = 8 * 1024;

export async function addRunErrors(tx: Db, scope: TenantScope, runId: string, errors: RunErrorInput[], alreadyStored: number) {
  const room = Math.max(0, MAX_STORED_ERRORS_PER_RUN - alreadyStored);
  const kept = errors.slice(0, room);
  if (kept.length === 0) return 0;
  await tx.insert(syncRunErrors).values(
    kept.map((e) => {
      const record = e.record === undefined ? null : redact(e.record);
      const text = record === null ? "" : JSON.stringify(record);
      return {
        tenantId: scope.tenant.id,
        runId,
        externalId: e.externalId ?? null,
        kind: e.kind,
        message: e.message.slice(0, 2_000),
        fieldErrors: (e.fieldErrors ?? []).map((f) => redact(f)),
        record: text.length > RECORD_EXCERPT_BYTES ? { excerpt: text.slice(0, RECORD_EXCERPT_BYTES) } : record,
      };
    }),
  );
  return kept.length;
}

export type RunEnd = { status: Exclude<SyncRunStatus, "queued" | "running">; reason?: string | null };

/** Closes a run: status, reason, completion time and duration. */
export async function finishRun(tx: Db, scope: TenantScope, runId: string, end: RunEnd): Promise<SyncRunRow> {
  const [row] = await tx
    .update(syncRuns)
    .set({
      status: end.status,
      statusReason: end.reason ?? null,
      completedAt: sql`now()`,
      durationMs: sql`(extract(epoch from (now() - coalesce(${syncRuns.startedAt}, ${syncRuns.createdAt}))) * 1000)::int`,
    })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.tenantId, scope.tenant.id)))
    .returning();
  if (!row) throw notFound("Sync run");
  return row;
}

/** Record ids listed in one record.* event; the count says how many there were in all. */
const EVENT_IDS = 500;

/** Collects a run's record changes so each action becomes one outbox event per run, not one per record. */
export class ChangeBatch {
  private readonly ids: Record<RecordAction, string[]> = { created: [], updated: [], deleted: [] };
  private readonly counts: Record<RecordAction, number> = { created: 0, updated: 0, deleted: 0 };

  add(changes: RecordChange[]) {
    for (const c of changes) {
      this.counts[c.action]++;
      if (this.ids[c.action].length < EVENT_IDS) this.ids[c.action].push(c.externalId);
    }
  }

  async emit(
    tx: Db,
    scope: TenantScope,
    run: Pick<SyncRunRow, "id" | "integrationId" | "streamId" | "sourceType" | "sourceId">,
    entityKey: string,
  ) {
    for (const action of ["created", "updated", "deleted"] as const) {
      if (this.counts[action] === 0) continue;
      await emitEvent(
        scope.tenant.id,
        `record.${action}`,
        {
          entity: entityKey,
          run_id: run.id,
          integration_id: run.integrationId,
          stream_id: run.streamId,
          source: { type: run.sourceType, id: run.sourceId },
          count: this.counts[action],
          external_ids: this.ids[action],
          truncated: this.counts[action] > this.ids[action].length,
        },
        tx,
      );
    }
  }
}

/** The `sync_run.failed` event alert rules listen to. */
export async function emitRunFailed(tx: Db, scope: TenantScope, run: SyncRunRow, entityKey: string) {
  await emitEvent(
    scope.tenant.id,
    "sync_run.failed",
    {
      id: run.id,
      integration_id: run.integrationId,
      stream_id: run.streamId,
      entity: entityKey,
      type: run.type,
      trigger: run.trigger,
      reason: run.statusReason,
      processed: run.processed,
      failed: run.failed,
    },
    tx,
  );
}
