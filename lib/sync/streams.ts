import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { hasPgCode, PG } from "@/db/errors";
import { dataMappingConfigs, entities, integrations, syncRuns, syncStreams, type RestSource } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { compileMapping, type EntityField, type MappingConfig } from "@/lib/mapping";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, loadOwned, withTenant, type TenantScope } from "@/lib/tenancy/data";
import { createStreamSchema, updateStreamSchema } from "./schema";
import { connectorStreamOf } from "./stream-page";
import { streamView, type StreamView } from "./view";

type StreamRow = typeof syncStreams.$inferSelect;

export function parseInput<T>(
  schema: {
    safeParse: (
      v: unknown,
    ) => { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  input: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.map(String).join(".") || "_"] ??= issue.message;
    throw invalid(`The ${what} is not valid.`, fields);
  }
  return parsed.data;
}

/** Throws the mapping engine's field messages, under `mapping.`, when the mapping does not fit the entity's fields. */
function checkMapping(mapping: MappingConfig, fields: EntityField[]) {
  try {
    compileMapping(mapping, fields);
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") {
      const inner = error.fields ?? {};
      const fieldsOut = Object.fromEntries(Object.entries(inner).map(([k, v]) => [k.startsWith("mapping") ? k : `mapping.${k}`, v]));
      throw invalid("The mapping does not fit the entity.", Object.keys(fieldsOut).length ? fieldsOut : { mapping: error.message });
    }
    throw error;
  }
}

async function entityByKey(tx: Db, scope: TenantScope, key: string) {
  const [row] = await tx
    .select()
    .from(entities)
    .where(and(eq(entities.tenantId, scope.tenant.id), eq(entities.key, key)));
  if (!row) throw invalid("The stream is not valid.", { entity: `There is no entity ${key}: create it under Settings → Data model.` });
  return row;
}

export async function loadStream(tx: Db, scope: TenantScope, integrationId: string, streamId: string, lock = false) {
  if (!isUuid(streamId) || !isUuid(integrationId)) throw notFound("Stream");
  const query = tx
    .select({ stream: syncStreams, entity: entities, mapping: dataMappingConfigs })
    .from(syncStreams)
    .innerJoin(entities, eq(entities.id, syncStreams.entityId))
    .innerJoin(dataMappingConfigs, eq(dataMappingConfigs.id, syncStreams.mappingId))
    .where(and(eq(syncStreams.tenantId, scope.tenant.id), eq(syncStreams.integrationId, integrationId), eq(syncStreams.id, streamId)));
  const [row] = lock ? await query.for("update", { of: syncStreams }) : await query;
  if (!row) throw notFound("Stream");
  return row;
}

async function viewsOf(
  tx: Db,
  rows: { stream: StreamRow; entity: typeof entities.$inferSelect; mapping: typeof dataMappingConfigs.$inferSelect }[],
) {
  const runIds = rows.map((r) => r.stream.lastRunId).filter((id): id is string => !!id);
  const runs = runIds.length ? await tx.select().from(syncRuns).where(inArray(syncRuns.id, runIds)) : [];
  // A run in progress is the one to show, even before it is the stream's last finished run.
  const active = rows.length
    ? await tx
        .select()
        .from(syncRuns)
        .where(
          and(
            inArray(
              syncRuns.streamId,
              rows.map((r) => r.stream.id),
            ),
            inArray(syncRuns.status, ["queued", "running"]),
          ),
        )
    : [];
  return rows.map((r) => {
    const current = active.find((a) => a.streamId === r.stream.id) ?? runs.find((x) => x.id === r.stream.lastRunId) ?? null;
    return streamView(r.stream, r.entity.key, r.mapping, current);
  });
}

export async function listStreams(scope: TenantScope, integrationId: string): Promise<StreamView[]> {
  return withTenant(scope, async (tx) => {
    await loadOwned(integrations, scope, integrationId);
    const rows = await tx
      .select({ stream: syncStreams, entity: entities, mapping: dataMappingConfigs })
      .from(syncStreams)
      .innerJoin(entities, eq(entities.id, syncStreams.entityId))
      .innerJoin(dataMappingConfigs, eq(dataMappingConfigs.id, syncStreams.mappingId))
      .where(and(eq(syncStreams.tenantId, scope.tenant.id), eq(syncStreams.integrationId, integrationId)))
      .orderBy(syncStreams.name);
    return viewsOf(tx, rows);
  });
}

export async function getStream(scope: TenantScope, integrationId: string, streamId: string): Promise<StreamView> {
  return withTenant(scope, async (tx) => {
    await loadOwned(integrations, scope, integrationId);
    const [view] = await viewsOf(tx, [await loadStream(tx, scope, integrationId, streamId)]);
    return view!;
  });
}

const nextRun = (intervalSeconds: number) => new Date(Date.now() + intervalSeconds * 1000);

export async function createStream(ctx: TenantContext, integrationId: string, input: unknown): Promise<StreamView> {
  requireRole(ctx, "admin");
  const value = parseInput(createStreamSchema, input, "stream");
  return withTenant(ctx, async (tx) => {
    const integration = await loadOwned(integrations, ctx, integrationId);
    if (value.source.connector && !connectorStreamOf(integration.provider, value.source as RestSource))
      throw invalid("The stream is not valid.", {
        "source.connector": `The ${integration.provider} integration has no connector stream ${value.source.connector}.`,
      });
    const entity = await entityByKey(tx, ctx, value.entity);
    checkMapping(value.mapping, entity.fields as EntityField[]);
    const [mapping] = await tx
      .insert(dataMappingConfigs)
      .values({ tenantId: ctx.tenant.id, entityId: entity.id, name: value.name, config: value.mapping })
      .returning();
    const [stream] = await tx
      .insert(syncStreams)
      .values({
        tenantId: ctx.tenant.id,
        integrationId,
        entityId: entity.id,
        mappingId: mapping!.id,
        name: value.name,
        direction: value.direction,
        mode: value.mode,
        updateMethod: value.update_method,
        intervalSeconds: value.interval_seconds,
        enabled: value.enabled,
        source: value.source as RestSource,
        webhookAction: value.webhook_action,
        conflictRule: value.conflict_rule,
        nextRunAt: value.update_method === "polling" ? nextRun(value.interval_seconds) : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!stream) throw conflict(`The integration has a stream named ${value.name}.`, { name: "This name is taken on this integration." });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sync_stream.created",
        target: { type: "sync_stream", id: stream.id },
        details: { integration_id: integrationId, name: stream.name, entity: entity.key, direction: stream.direction, mode: stream.mode },
      },
      tx,
    );
    return streamView(stream, entity.key, mapping!, null);
  });
}

export async function updateStream(ctx: TenantContext, integrationId: string, streamId: string, input: unknown): Promise<StreamView> {
  requireRole(ctx, "admin");
  const value = parseInput(updateStreamSchema, input, "stream");
  return withTenant(ctx, async (tx) => {
    await loadOwned(integrations, ctx, integrationId);
    const current = await loadStream(tx, ctx, integrationId, streamId, true);
    const mode = value.mode ?? current.stream.mode;
    // A connector's stream is fetched by its connector: the declaration it came with stays, whatever a form sends.
    const ownSource = current.stream.source.connector ? null : (value.source as RestSource | undefined);
    const source = ownSource ?? current.stream.source;
    if (mode === "incremental" && !source.incremental) {
      throw invalid("The stream is not valid.", {
        "source.incremental": "An incremental stream names its incremental parameter and change-time field.",
      });
    }
    let mapping = current.mapping;
    if (value.mapping) {
      checkMapping(value.mapping, current.entity.fields as EntityField[]);
      [mapping] = (await tx
        .update(dataMappingConfigs)
        .set({ config: value.mapping, version: current.mapping.version + 1 })
        .where(eq(dataMappingConfigs.id, current.mapping.id))
        .returning()) as [typeof mapping];
    }
    const interval = value.interval_seconds ?? current.stream.intervalSeconds;
    const method = value.update_method ?? current.stream.updateMethod;
    const [stream] = await tx
      .update(syncStreams)
      .set({
        name: value.name ?? current.stream.name,
        direction: value.direction ?? current.stream.direction,
        mode,
        updateMethod: method,
        intervalSeconds: interval,
        enabled: value.enabled ?? current.stream.enabled,
        source,
        webhookAction: value.webhook_action ?? current.stream.webhookAction,
        conflictRule: value.conflict_rule ?? current.stream.conflictRule,
        nextRunAt:
          method === "polling" ? (value.interval_seconds ? nextRun(interval) : (current.stream.nextRunAt ?? nextRun(interval))) : null,
        // A changed source or change-time field starts the incremental window over.
        checkpoint: ownSource ? null : current.stream.checkpoint,
      })
      .where(eq(syncStreams.id, streamId))
      .returning()
      .catch((error: unknown) => {
        if (hasPgCode(error, PG.uniqueViolation)) {
          throw conflict(`The integration has a stream named ${value.name}.`, { name: "This name is taken on this integration." });
        }
        throw error;
      });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sync_stream.updated",
        target: { type: "sync_stream", id: streamId },
        details: { integration_id: integrationId, changed: Object.keys(value) },
      },
      tx,
    );
    const [view] = await viewsOf(tx, [{ stream: stream!, entity: current.entity, mapping }]);
    return view!;
  });
}

export async function deleteStream(ctx: TenantContext, integrationId: string, streamId: string): Promise<void> {
  requireRole(ctx, "admin");
  await withTenant(ctx, async (tx) => {
    await loadOwned(integrations, ctx, integrationId);
    const current = await loadStream(tx, ctx, integrationId, streamId, true);
    await tx.delete(syncStreams).where(eq(syncStreams.id, streamId));
    await tx.delete(dataMappingConfigs).where(eq(dataMappingConfigs.id, current.mapping.id));
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "sync_stream.deleted",
        target: { type: "sync_stream", id: streamId },
        details: { integration_id: integrationId, name: current.stream.name },
      },
      tx,
    );
  });
}

export async function streamsOfIntegration(tx: Db, scope: TenantScope, integrationId: string) {
  return tx
    .select()
    .from(syncStreams)
    .where(and(eq(syncStreams.tenantId, scope.tenant.id), eq(syncStreams.integrationId, integrationId)))
    .orderBy(desc(syncStreams.createdAt));
}
