import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import { rowsOf } from "@/db/client";
import { integrations, syncRuns } from "@/db/schema";
import { invalid } from "@/lib/errors";
import { recordConnectionEvent } from "@/lib/integrations/connection-status";
import { compileMapping, type EntityField, type MappingConfig } from "@/lib/mapping";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { addRunErrors, addRunProgress, finishRun } from "./runs";
import { connectorStreamOf } from "./stream-page";
import { loadStream } from "./streams";
import { runView, type RunView } from "./view";

/** Records pushed in one push run; the next run takes the rest. */
const PUSH_BATCH = 500;
const MAX_INLINE_WAIT_S = 60;

type Pending = {
  id: string;
  external_id: string;
  data: Record<string, unknown>;
  hash: string;
  remote_id: string | null;
  remote_version: string | null;
};

/**
 * One push run of a connector's outbound or bidirectional stream: each record of the stream's
 * entity whose data changed since it was last pushed there goes through the mapping reversed to
 * the connector. Records that came from this integration are not echoed back to it. A conflict
 * (the remote changed the record since) is kept on the record and in the run's errors, and the run
 * goes on; it ends partial rather than failed. A refused credential or another failure ends it failed.
 */
export async function pushConnectorStream(ctx: TenantContext, integrationId: string, streamId: string): Promise<RunView> {
  requireRole(ctx, "admin");
  const { integration, stream, entity, mapping, run } = await withTenant(ctx, async (tx) => {
    const integrationRow = await loadOwned(integrations, ctx, integrationId);
    const loaded = await loadStream(tx, ctx, integrationId, streamId);
    const found = connectorStreamOf(integrationRow.provider, loaded.stream.source);
    if (loaded.stream.direction === "inbound" || !found?.connector.push || !found.connector.pushes?.includes(found.stream.key))
      throw invalid("This stream does not push: it needs an outbound or bidirectional connector stream that can write.", {
        stream_id: "Choose a stream that pushes.",
      });
    const [created] = await tx
      .insert(syncRuns)
      .values({
        tenantId: ctx.tenant.id,
        integrationId,
        streamId,
        entityId: loaded.entity.id,
        sourceType: "integration",
        sourceId: integrationId,
        type: "push",
        direction: "outbound",
        trigger: "manual",
        status: "running",
        startedAt: new Date(),
        heartbeatAt: new Date(),
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw invalid("The stream has a run in progress: wait for it or cancel it.", { stream_id: "A run is in progress." });
    return { integration: integrationRow, ...loaded, run: created };
  });
  const found = connectorStreamOf(integration.provider, stream.source)!;
  const compiled = compileMapping(mapping.config as MappingConfig, entity.fields as EntityField[]);
  const pending = await withTenant(ctx, async (tx) =>
    rowsOf<Pending>(
      await tx.execute(sql`
        select id, external_id, data, hash, remote_ids ->> ${streamId} as remote_id, remote_versions ->> ${streamId} as remote_version
          from records
         where tenant_id = ${ctx.tenant.id}::uuid and entity_id = ${entity.id}::uuid and deleted_at is null
           and not (source_type = 'integration' and source_id = ${integrationId})
           and (pushed_hashes ->> ${streamId}) is distinct from hash
         order by last_modified_at, id
         limit ${PUSH_BATCH}
      `),
    ),
  );

  let conflicts = 0;
  let failure: string | null = null;
  for (const record of pending) {
    const attempt = () =>
      found.connector.push!({
        integration,
        stream: found.stream,
        body: compiled.reverse(record.data),
        data: record.data,
        remoteId: record.remote_id,
        remoteVersion: record.remote_version,
        runId: run.id,
      });
    let result = await attempt();
    if (result.outcome === "failed" && result.rateLimitedSeconds !== undefined && result.rateLimitedSeconds <= MAX_INLINE_WAIT_S) {
      await sleep(result.rateLimitedSeconds * 1000);
      result = await attempt();
    }
    if (result.outcome === "pushed") {
      const ok = result;
      await withTenant(ctx, async (tx) => {
        await tx.execute(sql`
          update records set
            remote_ids = remote_ids || jsonb_build_object(${streamId}::text, ${ok.remoteId}::text),
            remote_versions = case when ${ok.remoteVersion}::text is null then remote_versions
                                   else remote_versions || jsonb_build_object(${streamId}::text, ${ok.remoteVersion}::text) end,
            pushed_hashes = pushed_hashes || jsonb_build_object(${streamId}::text, ${record.hash}::text),
            conflicts = conflicts - ${streamId}::text
           where id = ${record.id}::uuid
        `);
        await addRunProgress(tx, ctx, run.id, ok.created ? { processed: 1, created: 1 } : { processed: 1, updated: 1 });
      });
      continue;
    }
    if (result.outcome === "conflict") {
      conflicts++;
      const conflict = { reason: result.reason, at: new Date().toISOString(), run_id: run.id };
      await withTenant(ctx, async (tx) => {
        await tx.execute(sql`
          update records set conflicts = conflicts || jsonb_build_object(${streamId}::text, ${JSON.stringify(conflict)}::jsonb)
           where id = ${record.id}::uuid
        `);
        await addRunErrors(tx, ctx, run.id, [{ externalId: record.external_id, kind: "conflict", message: result.reason }], conflicts - 1);
        await addRunProgress(tx, ctx, run.id, { processed: 1, unchanged: 1 });
      });
      continue;
    }
    if (result.reconnect)
      await withTenant(ctx, (tx) => recordConnectionEvent(tx, integrationId, { kind: "refused", authType: integration.authType }));
    failure = `Record ${record.external_id}: ${result.message}`;
    break;
  }

  const ended = await withTenant(ctx, async (tx) => {
    const end = failure
      ? { status: "failed" as const, reason: failure }
      : conflicts
        ? {
            status: "partial" as const,
            reason: `${conflicts} record${conflicts === 1 ? " was" : "s were"} changed at the remote since the last push: kept as conflicts on the records and in the run's errors, not overwritten.`,
          }
        : { status: "completed" as const, reason: null };
    const [current] = await tx
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.id, run.id), eq(syncRuns.tenantId, ctx.tenant.id)));
    return current ? finishRun(tx, ctx, run.id, end) : null;
  });
  return runView(ended!, entity.key);
}
