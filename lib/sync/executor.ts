import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { dataMappingConfigs, entities, integrations, syncRunPages, syncRuns, syncStreams, type RestSource } from "@/db/schema";
import { emitEvent } from "@/lib/audit";
import { AppError } from "@/lib/errors";
import { redactDeep } from "@/lib/http/redact";
import {
  compileMapping,
  createRunState,
  jsonPathValues,
  type CompiledMapping,
  type EntityField,
  type MappingConfig,
  type RunState,
} from "@/lib/mapping";
import { withTenant, type TenantScope } from "@/lib/tenancy/data";
import { recordConnectionEvent } from "@/lib/integrations/connection-status";
import { deleteRecordsByExternalId, markUnseenDeleted, upsertRecords, type RecordRow, type RecordSource } from "./records";
import { firstPage, type PageState } from "./rest-source";
import { connectorStreamOf, fetchStreamPage } from "./stream-page";
import { addRunErrors, addRunProgress, emitRunFailed, finishRun, type RunErrorInput, type SyncRunRow } from "./runs";

export const MAX_RECORD_BYTES = 256 * 1024;
/** Raw pages kept per run for replay; a run beyond this is replayable only up to where the cap was reached. */
export const MAX_REPLAY_BYTES = 10 * 1024 * 1024;
const DEFAULT_TIME_LIMIT_MS = 60 * 60 * 1000;
/** A Retry-After up to this long is waited out in the run; a longer one puts the run back in the queue until then. */
const MAX_INLINE_RATE_LIMIT_WAIT_S = 120;

/** What a run remembers between pages (runs.checkpoint): where to fetch next, and the incremental window. */
export type RunCheckpoint = {
  next: PageState | null;
  since: string | null;
  max_change: string | null;
  /** A connector's change-feed token: the one this run reads from (incremental), and the one it leaves for the next run. */
  token?: string | null;
  next_token?: string | null;
  stored_bytes: number;
  replay_truncated: boolean;
  errors_stored: number;
};

export type RunOptions = {
  /** Stops the run between pages as if the process had died: nothing is closed, the checkpoint stays (tests, shutdown). */
  signal?: AbortSignal;
  timeLimitMs?: number;
  maxInlineRateLimitWaitSeconds?: number;
};

type Loaded = {
  run: SyncRunRow;
  stream: typeof syncStreams.$inferSelect;
  entity: typeof entities.$inferSelect;
  mapping: typeof dataMappingConfigs.$inferSelect;
  integration: typeof integrations.$inferSelect;
};

async function load(tx: Db, scope: TenantScope, runId: string): Promise<Loaded | null> {
  const [row] = await tx
    .select({ run: syncRuns, stream: syncStreams, entity: entities, mapping: dataMappingConfigs, integration: integrations })
    .from(syncRuns)
    .innerJoin(syncStreams, eq(syncStreams.id, syncRuns.streamId))
    .innerJoin(entities, eq(entities.id, syncRuns.entityId))
    .innerJoin(dataMappingConfigs, eq(dataMappingConfigs.id, syncStreams.mappingId))
    .innerJoin(integrations, eq(integrations.id, syncStreams.integrationId))
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.tenantId, scope.tenant.id)));
  return row ?? null;
}

/** The remote record's id at the stream's id path, as text. */
export function externalIdOf(record: unknown, idPath: string): string | null {
  const value = jsonPathValues(record, idPath)[0];
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

function changeTimeOf(record: unknown, source: RestSource): Date | null {
  if (!source.incremental) return null;
  const value = jsonPathValues(record, source.incremental.field)[0];
  if (typeof value !== "string" && typeof value !== "number") return null;
  const at = new Date(typeof value === "number" && value < 1e12 ? value * 1000 : value);
  return Number.isNaN(at.getTime()) ? null : at;
}

export type MappedPage = { rows: RecordRow[]; errors: RunErrorInput[]; maxChange: Date | null };

/** A page of remote records through the mapping: the rows to write and the rejected ones with their reasons. */
export function mapRecords(records: unknown[], compiled: CompiledMapping, source: RestSource, state: RunState): MappedPage {
  const rows: RecordRow[] = [];
  const errors: RunErrorInput[] = [];
  let maxChange: Date | null = null;
  for (const record of records) {
    const externalId = externalIdOf(record, source.id_path);
    const size = Buffer.byteLength(JSON.stringify(record) ?? "", "utf8");
    if (size > MAX_RECORD_BYTES) {
      errors.push({
        externalId,
        kind: "too_large",
        message: `The record is ${Math.ceil(size / 1024)} KB; records are limited to ${MAX_RECORD_BYTES / 1024} KB.`,
        record: { excerpt: JSON.stringify(record).slice(0, 2000) },
      });
      continue;
    }
    if (externalId === null) {
      errors.push({ externalId: null, kind: "no_id", message: `The record has no id at ${source.id_path}.`, record });
      continue;
    }
    const mapped = compiled.apply(record, state);
    if (!mapped.ok) {
      errors.push({
        externalId,
        kind: "mapping",
        message: mapped.errors.map((e) => `${e.field}: ${e.message}`).join("; "),
        fieldErrors: mapped.errors,
        record,
      });
      continue;
    }
    const changedAt = changeTimeOf(record, source);
    if (changedAt && (!maxChange || changedAt > maxChange)) maxChange = changedAt;
    rows.push({ externalId, data: mapped.data, remoteModifiedAt: changedAt });
  }
  return { rows, errors, maxChange };
}

function laterOf(a: string | null, b: Date | null): string | null {
  if (!b) return a;
  if (!a) return b.toISOString();
  return new Date(a) > b ? a : b.toISOString();
}

/** The window start an incremental run asks for: the last change seen, less the overlap (hash dedupe absorbs the repeats). */
function sinceFor(stream: Loaded["stream"], type: string): string | null {
  if (type !== "incremental" || !stream.source.incremental) return null;
  const last = typeof stream.checkpoint?.since === "string" ? stream.checkpoint.since : null;
  if (!last) return null;
  return new Date(new Date(last).getTime() - stream.source.incremental.overlap_seconds * 1000).toISOString();
}

/**
 * A connector whose change feed does not reach back to the checkpoint turns an incremental run
 * into a full one before its first page (so its delete pass runs too), and says so in the run.
 */
async function fullInsteadOfIncremental(scope: TenantScope, loaded: Loaded): Promise<Loaded> {
  if (loaded.run.type !== "incremental" || loaded.run.checkpoint) return loaded;
  const found = connectorStreamOf(loaded.integration.provider, loaded.stream.source);
  const reason = found?.connector.fullRunReason?.(sinceFor(loaded.stream, "incremental"), new Date()) ?? null;
  if (!reason) return loaded;
  const [run] = await withTenant(scope, (tx) =>
    tx.update(syncRuns).set({ type: "full", statusReason: reason }).where(eq(syncRuns.id, loaded.run.id)).returning(),
  );
  return { ...loaded, run: run! };
}

class Stopped extends Error {}

/**
 * Runs (or resumes) one inbound run of a Custom REST stream: page by page, each page's records
 * mapped and written with the run's counters and checkpoint in one transaction, so a run killed
 * between pages resumes where it stopped. Calls to the provider happen outside any transaction.
 */
export async function executeRun(scope: TenantScope, runId: string, options: RunOptions = {}): Promise<SyncRunRow | null> {
  const loaded = await withTenant(scope, async (tx) => {
    const found = await load(tx, scope, runId);
    if (!found || (found.run.status !== "queued" && found.run.status !== "running")) return found;
    const [run] = await tx
      .update(syncRuns)
      .set({
        status: "running",
        startedAt: found.run.startedAt ?? new Date(),
        heartbeatAt: new Date(),
        rateLimitedUntil: null,
        statusReason: null,
      })
      .where(eq(syncRuns.id, runId))
      .returning();
    return { ...found, run: run! };
  });
  if (!loaded) return null;
  if (loaded.run.status !== "running") return loaded.run;
  return runLoaded(scope, await fullInsteadOfIncremental(scope, loaded), options);
}

async function runLoaded(scope: TenantScope, loaded: Loaded, options: RunOptions): Promise<SyncRunRow | null> {
  const runId = loaded.run.id;
  const { stream, entity, integration } = loaded;
  // Why the run is not what was asked for (a connector's full run in place of an incremental one), kept to its end.
  let note = loaded.run.type === "full" ? loaded.run.statusReason : null;
  const source: RecordSource = { type: "integration", id: integration.id };

  let compiled: CompiledMapping;
  try {
    compiled = compileMapping(loaded.mapping.config as MappingConfig, entity.fields as EntityField[]);
  } catch (error) {
    const reason =
      error instanceof AppError
        ? `The mapping does not fit the entity: ${Object.values(error.fields ?? {}).join("; ") || error.message}`
        : "The mapping could not be compiled.";
    return closeRun(scope, loaded, { status: "failed", reason });
  }

  const stored = loaded.run.checkpoint as RunCheckpoint | null;
  const checkpoint: RunCheckpoint = stored ?? {
    next: firstPage(stream.source),
    since: sinceFor(stream, loaded.run.type),
    max_change: null,
    token: loaded.run.type === "incremental" && typeof stream.checkpoint?.token === "string" ? stream.checkpoint.token : null,
    next_token: null,
    stored_bytes: 0,
    replay_truncated: false,
    errors_stored: 0,
  };
  const state = createRunState();
  const deadline = (loaded.run.startedAt?.getTime() ?? Date.now()) + (options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
  let full = loaded.run.type === "full";
  let page: PageState | null = checkpoint.next;
  let seq = loaded.run.pages;

  try {
    while (page) {
      if (options.signal?.aborted) throw new Stopped();
      const control = await withTenant(scope, (tx) =>
        tx.select({ cancel: syncRuns.cancelRequested }).from(syncRuns).where(eq(syncRuns.id, runId)),
      );
      if (control[0]?.cancel)
        return closeRun(scope, loaded, { status: "cancelled", reason: "Cancelled by an admin; records written so far stay." });
      if (Date.now() > deadline) {
        return closeRun(scope, loaded, {
          status: "partial",
          reason: `The run reached its time limit after ${seq} pages; the next run continues the sync.`,
        });
      }

      const fetched = await fetchStreamPage(integration, stream.source, page, {
        since: checkpoint.since,
        token: checkpoint.token ?? null,
        runId,
      });
      if (!fetched.ok && "fullRun" in fetched && fetched.fullRun && !full) {
        // The change feed refused the stored token: from here the run is a full one (with its delete pass), and says why.
        const reason = fetched.fullRun;
        Object.assign(checkpoint, { next: firstPage(stream.source), since: null, max_change: null, token: null, next_token: null });
        await withTenant(scope, (tx) =>
          tx.update(syncRuns).set({ type: "full", statusReason: reason, checkpoint }).where(eq(syncRuns.id, runId)),
        );
        full = true;
        note = reason;
        page = checkpoint.next;
        continue;
      }
      if (!fetched.ok) {
        if (fetched.rateLimitedSeconds !== null) {
          const wait = fetched.rateLimitedSeconds;
          const until = new Date(Date.now() + wait * 1000);
          const inline = wait <= (options.maxInlineRateLimitWaitSeconds ?? MAX_INLINE_RATE_LIMIT_WAIT_S);
          await withTenant(scope, (tx) =>
            tx
              .update(syncRuns)
              .set({
                rateLimitedUntil: until,
                statusReason: `Rate limited by the provider (429): resuming at ${until.toISOString()} as its Retry-After asks.`,
                ...(inline ? {} : { status: "queued" as const }),
              })
              .where(eq(syncRuns.id, runId)),
          );
          if (!inline) return (await withTenant(scope, (tx) => load(tx, scope, runId)))!.run;
          await sleep(wait * 1000);
          await withTenant(scope, (tx) =>
            tx.update(syncRuns).set({ rateLimitedUntil: null, statusReason: null }).where(eq(syncRuns.id, runId)),
          );
          continue;
        }
        if ("reconnect" in fetched && fetched.reconnect) {
          // The provider refused the credentials: the integration shows that it needs them renewed, not only this run.
          await withTenant(scope, (tx) => recordConnectionEvent(tx, integration.id, { kind: "refused", authType: integration.authType }));
        }
        return closeRun(scope, loaded, { status: "failed", reason: `Page ${seq + 1}: ${fetched.message}` }, { bytes: fetched.bytes });
      }

      const mapped = mapRecords(fetched.records, compiled, stream.source, state);
      const pageNo = seq;
      seq++;
      page = fetched.next;
      await withTenant(scope, async (tx) => {
        const written = await upsertRecords(tx, scope, { entityId: entity.id, source, rows: mapped.rows, runId, markSeen: full });
        const removed =
          "deleted" in fetched && fetched.deleted?.length
            ? (await deleteRecordsByExternalId(tx, scope, entity.id, source, fetched.deleted, runId)).length
            : 0;
        checkpoint.errors_stored += await addRunErrors(tx, scope, runId, mapped.errors, checkpoint.errors_stored);
        checkpoint.max_change = laterOf(checkpoint.max_change, mapped.maxChange);
        if ("token" in fetched && fetched.token) checkpoint.next_token = fetched.token;
        checkpoint.next = page;
        if (!checkpoint.replay_truncated) {
          const body = JSON.stringify(redactDeep(fetched.body, fetched.call.redact));
          const bytes = Buffer.byteLength(body, "utf8");
          if (checkpoint.stored_bytes + bytes > MAX_REPLAY_BYTES) checkpoint.replay_truncated = true;
          else {
            checkpoint.stored_bytes += bytes;
            await tx.insert(syncRunPages).values({ tenantId: scope.tenant.id, runId, seq: pageNo, body, bytes }).onConflictDoNothing();
          }
        }
        await addRunProgress(
          tx,
          scope,
          runId,
          {
            processed: fetched.records.length + ("deleted" in fetched ? (fetched.deleted?.length ?? 0) : 0),
            created: written.created,
            updated: written.updated,
            unchanged: written.unchanged,
            failed: mapped.errors.length,
            deleted: removed,
            pages: 1,
            bytes: fetched.bytes,
          },
          checkpoint,
        );
      });
    }
  } catch (error) {
    if (error instanceof Stopped) return null;
    throw error;
  }

  return withTenant(scope, async (tx) => {
    const [current] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId));
    const partial = (current?.failed ?? 0) > 0;
    let deleted = 0;
    if (full && !partial) deleted = (await markUnseenDeleted(tx, scope, entity.id, source, runId)).length;
    if (deleted) await addRunProgress(tx, scope, runId, { deleted });
    if (loaded.run.type === "incremental" || stream.source.incremental) {
      const since = checkpoint.max_change ?? (stream.checkpoint?.since as string | undefined) ?? null;
      const token = checkpoint.next_token ?? null;
      if (since || token)
        await tx
          .update(syncStreams)
          .set({ checkpoint: { ...(since ? { since } : {}), ...(token ? { token } : {}) } })
          .where(eq(syncStreams.id, stream.id));
    }
    const reason = partial
      ? `${current?.failed} records were rejected (see the run's errors)${full ? "; no records were marked deleted, since the run did not see every record" : ""}.`
      : note;
    return closeIn(tx, scope, loaded, { status: partial ? "partial" : "completed", reason });
  });
}

async function closeRun(scope: TenantScope, loaded: Loaded, end: Parameters<typeof finishRun>[3], delta?: { bytes: number }) {
  return withTenant(scope, async (tx) => {
    if (delta) await addRunProgress(tx, scope, loaded.run.id, delta);
    return closeIn(tx, scope, loaded, end);
  });
}

/** Ends the run: its status, the record.* events of what it changed (one per action), sync_run.failed when it failed. */
async function closeIn(tx: Db, scope: TenantScope, loaded: Loaded, end: Parameters<typeof finishRun>[3]): Promise<SyncRunRow> {
  const run = await finishRun(tx, scope, loaded.run.id, end);
  await tx.update(syncStreams).set({ lastRunId: run.id }).where(eq(syncStreams.id, loaded.stream.id));
  await emitRecordEvents(tx, scope, run, loaded.entity.key);
  if (run.status === "failed") await emitRunFailed(tx, scope, run, loaded.entity.key);
  return run;
}

const EVENT_IDS = 500;

/**
 * One record.created / record.updated / record.deleted event per run, read from the records the
 * run last touched, so a run that was resumed in another process reports all of its changes.
 */
export async function emitRecordEvents(tx: Db, scope: TenantScope, run: SyncRunRow, entityKey: string) {
  const groups = rowsOf<{ action: string; count: number; ids: string[] }>(
    await tx.execute(sql`
      select last_action as action, count(*)::int as count, (array_agg(external_id order by external_id))[1:${EVENT_IDS}] as ids
        from records where tenant_id = ${scope.tenant.id}::uuid and last_run_id = ${run.id}::uuid
       group by last_action
    `),
  );
  for (const g of groups) {
    await emitEvent(
      scope.tenant.id,
      `record.${g.action}`,
      {
        entity: entityKey,
        run_id: run.id,
        integration_id: run.integrationId,
        stream_id: run.streamId,
        source: { type: run.sourceType, id: run.sourceId },
        count: g.count,
        external_ids: g.ids,
        truncated: g.count > g.ids.length,
      },
      tx,
    );
  }
}
