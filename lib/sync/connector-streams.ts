import { and, eq } from "drizzle-orm";
import { dataMappingConfigs, entities, integrations, syncRuns, syncStreams } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { compileMapping, createRunState, type EntityField, type MappingConfig } from "@/lib/mapping";
import { mappingConfigSchema } from "@/lib/mapping/schema";
import { connectorOf } from "@/lib/providers/connectors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, withTenant, type TenantScope } from "@/lib/tenancy/data";
import { createEntity } from "./entities";
import { emitRecordEvents, externalIdOf, mapRecords } from "./executor";
import { deleteRecordsByExternalId, upsertRecords } from "./records";
import { addRunErrors } from "./runs";
import { connectorStreamOf } from "./stream-page";
import { addConnectorStreamsSchema } from "./schema";
import { createStream, parseInput } from "./streams";
import type { StreamView } from "./view";

/**
 * Adds a connector's streams to an integration of its provider (all of them, or the keys named),
 * each with its default mapping and, where the tenant has no such entity yet, the entity it declares. Streams the integration already has are left as they are.
 */
export async function addConnectorStreams(ctx: TenantContext, integrationId: string, input: unknown = {}): Promise<StreamView[]> {
  requireRole(ctx, "admin");
  const keys = parseInput(addConnectorStreamsSchema, input ?? {}, "request").streams;
  const integration = await withTenant(ctx, () => loadOwned(integrations, ctx, integrationId));
  const connector = connectorOf(integration.provider);
  if (!connector) throw invalid("This provider has no connector: declare a Custom REST stream instead.", { connector: "No connector." });
  const unknown = keys?.find((k) => !connector.streams.some((s) => s.key === k));
  if (unknown)
    throw invalid("The connector has no such stream.", {
      streams: `${unknown} is not one of ${connector.streams.map((s) => s.key).join(", ")}.`,
    });
  const existing = await withTenant(ctx, async (tx) => ({
    entities: new Set(
      (await tx.select({ key: entities.key }).from(entities).where(eq(entities.tenantId, ctx.tenant.id))).map((e) => e.key),
    ),
    streams: (
      await tx
        .select({ source: syncStreams.source })
        .from(syncStreams)
        .where(and(eq(syncStreams.tenantId, ctx.tenant.id), eq(syncStreams.integrationId, integrationId)))
    ).map((s) => s.source.connector),
  }));
  const created: StreamView[] = [];
  for (const stream of connector.streams) {
    if ((keys && !keys.includes(stream.key)) || existing.streams.includes(stream.key)) continue;
    if (!existing.entities.has(stream.entity.key)) {
      const { key, name, description, fields, key_fields } = stream.entity;
      await createEntity(ctx, { key, name, description, fields, key_fields });
      existing.entities.add(stream.entity.key);
    }
    created.push(
      await createStream(ctx, integrationId, {
        name: stream.name,
        entity: stream.entity.key,
        mode: stream.mode,
        source: { ...stream.source, connector: stream.key },
        mapping: stream.mapping,
      }),
    );
  }
  return created;
}

export type ConnectorStreamView = { key: string; name: string; entity: string; mode: "full" | "incremental"; added: boolean };

/** The streams the integration's provider connector offers, and which of them the integration has. Empty without a connector. */
export async function listConnectorStreams(scope: TenantScope, integrationId: string): Promise<ConnectorStreamView[]> {
  return withTenant(scope, async (tx) => {
    const integration = await loadOwned(integrations, scope, integrationId);
    const connector = connectorOf(integration.provider);
    if (!connector) return [];
    const have = (
      await tx
        .select({ source: syncStreams.source })
        .from(syncStreams)
        .where(and(eq(syncStreams.tenantId, scope.tenant.id), eq(syncStreams.integrationId, integrationId)))
    ).map((s) => s.source.connector);
    return connector.streams.map((s) => ({ key: s.key, name: s.name, entity: s.entity.key, mode: s.mode, added: have.includes(s.key) }));
  });
}

export type WebhookApplied = { stream_id: string; run_id: string; action: "applied" | "run_queued" } | null;

/**
 * The webhook update method for connector streams: a verified provider event that the connector
 * reads as one record's change is applied through the stream's mapping (webhook_action `apply`),
 * logged as a one-record real_time run, or queues an incremental run (`run`). Streams with another
 * update method ignore webhooks: their schedule brings the change.
 */
export async function applyConnectorWebhook(scope: TenantScope, integrationId: string, body: unknown): Promise<WebhookApplied> {
  return withTenant(scope, async (tx) => {
    const [integration] = await tx.select().from(integrations).where(eq(integrations.id, integrationId));
    if (!integration) return null;
    const change = connectorOf(integration.provider)?.webhookChange?.(body);
    if (!change) return null;
    const rows = await tx
      .select({ stream: syncStreams, entity: entities, mapping: dataMappingConfigs })
      .from(syncStreams)
      .innerJoin(entities, eq(entities.id, syncStreams.entityId))
      .innerJoin(dataMappingConfigs, eq(dataMappingConfigs.id, syncStreams.mappingId))
      .where(
        and(
          eq(syncStreams.tenantId, scope.tenant.id),
          eq(syncStreams.integrationId, integrationId),
          eq(syncStreams.updateMethod, "webhook"),
        ),
      );
    const row = rows.find((r) => r.stream.enabled && r.stream.source.connector === change.stream);
    if (!row) return null;
    const { stream, entity } = row;
    const base = {
      tenantId: scope.tenant.id,
      integrationId,
      streamId: stream.id,
      entityId: entity.id,
      sourceType: "integration" as const,
      sourceId: integrationId,
      trigger: "webhook" as const,
    };
    if (stream.webhookAction === "run") {
      const type = stream.mode === "incremental" && stream.checkpoint ? ("incremental" as const) : ("full" as const);
      const [queued] = await tx
        .insert(syncRuns)
        .values({ ...base, type })
        .onConflictDoNothing()
        .returning({ id: syncRuns.id });
      // A run already queued or running will read the change.
      return queued ? { stream_id: stream.id, run_id: queued.id, action: "run_queued" } : null;
    }
    const source = connectorStreamOf(integration.provider, stream.source)?.stream.source ?? stream.source;
    const now = new Date();
    // Completed at once: the one-record run never holds the stream's "one active run" slot, so a full run in progress is not refused.
    const [run] = await tx
      .insert(syncRuns)
      .values({ ...base, type: "real_time", status: "completed", startedAt: now, heartbeatAt: now, completedAt: now, durationMs: 0 })
      .returning();
    const recordSource = { type: "integration" as const, id: integrationId };
    let delta: Partial<Record<"processed" | "created" | "updated" | "unchanged" | "deleted" | "failed", number>>;
    if (change.deleted) {
      const id = externalIdOf(change.record, source.id_path);
      const gone = id ? await deleteRecordsByExternalId(tx, scope, entity.id, recordSource, [id], run!.id) : [];
      delta = { processed: 1, deleted: gone.length, unchanged: 1 - gone.length };
    } else {
      const config = mappingConfigSchema.parse(row.mapping.config) as MappingConfig;
      const mapped = mapRecords([change.record], compileMapping(config, entity.fields as EntityField[]), source, createRunState());
      const written = await upsertRecords(tx, scope, { entityId: entity.id, source: recordSource, rows: mapped.rows, runId: run!.id });
      await addRunErrors(tx, scope, run!.id, mapped.errors, 0);
      delta = {
        processed: 1,
        created: written.created,
        updated: written.updated,
        unchanged: written.unchanged,
        failed: mapped.errors.length,
      };
    }
    const [done] = await tx
      .update(syncRuns)
      .set({ ...delta, status: delta.failed ? "partial" : "completed" })
      .where(eq(syncRuns.id, run!.id))
      .returning();
    await emitRecordEvents(tx, scope, done!, entity.key);
    return { stream_id: stream.id, run_id: done!.id, action: "applied" };
  });
}
