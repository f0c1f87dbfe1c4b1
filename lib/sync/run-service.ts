import { and, desc, eq, inArray } from "drizzle-orm";
import { entities, integrations, syncRunErrors, syncRuns, syncStreams, type SyncTrigger } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { conflict, invalid, notFound } from "@/lib/errors";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, loadOwned, withTenant, type TenantScope } from "@/lib/tenancy/data";

import { listRunErrorsSchema, listRunsSchema, startSyncSchema } from "./schema";
import { parseInput } from "./streams";
import { runErrorView, runView, type RunErrorView, type RunView } from "./view";

export type StartOptions = { trigger?: SyncTrigger; type?: "full" | "incremental" };

/**
 * Queues a run of one stream (the only one, or the one named). A stream that has a run queued or
 * running gets no second one: 409, with the run in progress named.
 */
export async function startSync(
  ctx: TenantContext,
  integrationId: string,
  input: unknown,
  trigger: SyncTrigger = "manual",
): Promise<RunView> {
  requireRole(ctx, "admin");
  const value = parseInput(startSyncSchema, input ?? {}, "sync request");
  return withTenant(ctx, async (tx) => {
    await loadOwned(integrations, ctx, integrationId);
    const streams = await tx
      .select({ stream: syncStreams, entityKey: entities.key })
      .from(syncStreams)
      .innerJoin(entities, eq(entities.id, syncStreams.entityId))
      .where(
        and(
          eq(syncStreams.tenantId, ctx.tenant.id),
          eq(syncStreams.integrationId, integrationId),
          value.stream_id ? eq(syncStreams.id, value.stream_id) : undefined,
        ),
      );
    if (value.stream_id && streams.length === 0) throw notFound("Stream");
    if (streams.length === 0)
      throw invalid("The integration has no streams: add one on its Sync tab first.", { stream_id: "Add a stream first." });
    if (streams.length > 1) throw invalid("The integration has several streams: name the one to run.", { stream_id: "Choose a stream." });
    const { stream, entityKey } = streams[0]!;
    if (stream.direction === "outbound")
      throw invalid("An outbound stream pushes records; it has no inbound run.", { stream_id: "Choose an inbound stream." });
    const type = value.type ?? (stream.mode === "incremental" && stream.checkpoint ? "incremental" : "full");
    if (type === "incremental" && !stream.source.incremental) {
      throw invalid("The stream declares no incremental parameter.", { type: "This stream only runs in full." });
    }
    const created = await tx
      .insert(syncRuns)
      .values({
        tenantId: ctx.tenant.id,
        integrationId,
        streamId: stream.id,
        entityId: stream.entityId,
        sourceType: "integration",
        sourceId: integrationId,
        type,
        direction: "inbound",
        trigger,
        status: "queued",
      })
      .onConflictDoNothing()
      .returning();
    if (!created[0]) {
      const [active] = await tx
        .select({ id: syncRuns.id })
        .from(syncRuns)
        .where(and(eq(syncRuns.streamId, stream.id), inArray(syncRuns.status, ["queued", "running"])));
      throw conflict(`The stream ${stream.name} has a run in progress${active ? ` (${active.id})` : ""}: wait for it or cancel it.`);
    }
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sync_run.started",
        target: { type: "sync_run", id: created[0].id },
        details: { integration_id: integrationId, stream_id: stream.id, type, trigger },
      },
      tx,
    );
    return runView(created[0], entityKey);
  });
}

/** Asks a run to stop at its next page boundary; a queued run stops at once. Records already written stay. */
export async function cancelRun(ctx: TenantContext, runId: string): Promise<RunView> {
  requireRole(ctx, "admin");
  return withTenant(ctx, async (tx) => {
    const { run, entityKey } = await loadRun(ctx, runId, true);
    if (run.status !== "queued" && run.status !== "running")
      throw conflict(`The run is ${run.status}; only a queued or running run can be cancelled.`);
    const queued = run.status === "queued";
    const [row] = await tx
      .update(syncRuns)
      .set(
        queued
          ? {
              cancelRequested: true,
              status: "cancelled",
              statusReason: "Cancelled before it started.",
              completedAt: new Date(),
              durationMs: 0,
            }
          : { cancelRequested: true },
      )
      .where(eq(syncRuns.id, run.id))
      .returning();
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "sync_run.cancelled", target: { type: "sync_run", id: run.id } },
      tx,
    );
    return runView(row!, entityKey);
  });
}

async function loadRun(scope: TenantScope, runId: string, lock = false) {
  if (!isUuid(runId)) throw notFound("Sync run");
  return withTenant(scope, async (tx) => {
    const query = tx
      .select({ run: syncRuns, entityKey: entities.key })
      .from(syncRuns)
      .innerJoin(entities, eq(entities.id, syncRuns.entityId))
      .where(and(eq(syncRuns.tenantId, scope.tenant.id), eq(syncRuns.id, runId)));
    const [row] = lock ? await query.for("update", { of: syncRuns }) : await query;
    if (!row) throw notFound("Sync run");
    if (scope.sandboxOnly && row.run.integrationId)
      await loadOwned(integrations, scope, row.run.integrationId).catch(() => {
        throw notFound("Sync run");
      });
    return row;
  });
}

export async function getRun(scope: TenantScope, runId: string): Promise<RunView> {
  const { run, entityKey } = await loadRun(scope, runId);
  return runView(run, entityKey);
}

export async function listRuns(
  scope: TenantScope,
  integrationId: string,
  input: unknown,
): Promise<{ data: RunView[]; next_cursor: string | null }> {
  const q = parseInput(listRunsSchema, input, "query");
  return withTenant(scope, async (tx) => {
    await loadOwned(integrations, scope, integrationId);
    const rows = await tx
      .select({ run: syncRuns, entityKey: entities.key, key: instantKey(syncRuns.createdAt) })
      .from(syncRuns)
      .innerJoin(entities, eq(entities.id, syncRuns.entityId))
      .where(
        and(
          eq(syncRuns.tenantId, scope.tenant.id),
          eq(syncRuns.integrationId, integrationId),
          q.stream_id ? eq(syncRuns.streamId, q.stream_id) : undefined,
          q.cursor ? afterCursor(q.cursor, cursorShapes.instantThenId, [syncRuns.createdAt, syncRuns.id], true) : undefined,
        ),
      )
      .orderBy(desc(syncRuns.createdAt), desc(syncRuns.id))
      .limit(q.limit + 1);
    const { page, next_cursor } = keysetPage(rows, q.limit, (r) => [r.key, r.run.id]);
    return { data: page.map((r) => runView(r.run, r.entityKey)), next_cursor };
  });
}

export async function listRunErrors(
  scope: TenantScope,
  runId: string,
  input: unknown,
): Promise<{ data: RunErrorView[]; next_cursor: string | null }> {
  const q = parseInput(listRunErrorsSchema, input, "query");
  const { run } = await loadRun(scope, runId);
  return withTenant(scope, async (tx) => {
    const rows = await tx
      .select({ row: syncRunErrors, key: instantKey(syncRunErrors.createdAt) })
      .from(syncRunErrors)
      .where(
        and(
          eq(syncRunErrors.tenantId, scope.tenant.id),
          eq(syncRunErrors.runId, run.id),
          q.cursor ? afterCursor(q.cursor, cursorShapes.instantThenId, [syncRunErrors.createdAt, syncRunErrors.id], false) : undefined,
        ),
      )
      .orderBy(syncRunErrors.createdAt, syncRunErrors.id)
      .limit(q.limit + 1);
    const { page, next_cursor } = keysetPage(rows, q.limit, (r) => [r.key, r.row.id]);
    return { data: page.map((r) => runErrorView(r.row)), next_cursor };
  });
}
