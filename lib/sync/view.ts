import type { dataMappingConfigs, syncRunErrors, syncRuns, syncStreams } from "@/db/schema";
import type { MappingConfig } from "@/lib/mapping";

type StreamRow = typeof syncStreams.$inferSelect;
type RunRow = typeof syncRuns.$inferSelect;

export type RunView = {
  id: string;
  integration_id: string | null;
  stream_id: string | null;
  entity: string;
  source: { type: string; id: string };
  type: string;
  direction: string;
  trigger: string;
  status: string;
  status_reason: string | null;
  rate_limited_until: string | null;
  cancel_requested: boolean;
  replay_of: string | null;
  counts: { processed: number; created: number; updated: number; unchanged: number; deleted: number; failed: number };
  pages: number;
  bytes: number;
  started_at: string | null;
  heartbeat_at: string | null;
  completed_at: string | null;
  duration_ms: number | null;
  created_at: string;
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function runView(run: RunRow, entityKey: string): RunView {
  return {
    id: run.id,
    integration_id: run.integrationId,
    stream_id: run.streamId,
    entity: entityKey,
    source: { type: run.sourceType, id: run.sourceId },
    type: run.type,
    direction: run.direction,
    trigger: run.trigger,
    status: run.status,
    status_reason: run.statusReason,
    rate_limited_until: iso(run.rateLimitedUntil),
    cancel_requested: run.cancelRequested,
    replay_of: run.replayOf,
    counts: {
      processed: run.processed,
      created: run.created,
      updated: run.updated,
      unchanged: run.unchanged,
      deleted: run.deleted,
      failed: run.failed,
    },
    pages: run.pages,
    bytes: run.bytes,
    started_at: iso(run.startedAt),
    heartbeat_at: iso(run.heartbeatAt),
    completed_at: iso(run.completedAt),
    duration_ms: run.durationMs,
    created_at: run.createdAt.toISOString(),
  };
}

export type StreamView = {
  id: string;
  integration_id: string;
  name: string;
  entity: string;
  direction: string;
  mode: string;
  update_method: string;
  interval_seconds: number;
  enabled: boolean;
  source: StreamRow["source"];
  mapping: MappingConfig;
  mapping_version: number;
  webhook_action: string;
  conflict_rule: string;
  next_run_at: string | null;
  last_run: RunView | null;
  created_at: string;
  updated_at: string;
};

export function streamView(
  stream: StreamRow,
  entityKey: string,
  mapping: typeof dataMappingConfigs.$inferSelect,
  lastRun: RunRow | null,
): StreamView {
  return {
    id: stream.id,
    integration_id: stream.integrationId,
    name: stream.name,
    entity: entityKey,
    direction: stream.direction,
    mode: stream.mode,
    update_method: stream.updateMethod,
    interval_seconds: stream.intervalSeconds,
    enabled: stream.enabled,
    source: stream.source,
    mapping: mapping.config as MappingConfig,
    mapping_version: mapping.version,
    webhook_action: stream.webhookAction,
    conflict_rule: stream.conflictRule,
    next_run_at: stream.updateMethod === "polling" && stream.enabled ? iso(stream.nextRunAt) : null,
    last_run: lastRun ? runView(lastRun, entityKey) : null,
    created_at: stream.createdAt.toISOString(),
    updated_at: stream.updatedAt.toISOString(),
  };
}

export type RunErrorView = {
  id: string;
  external_id: string | null;
  kind: string;
  message: string;
  field_errors: unknown[];
  record: unknown;
  created_at: string;
};

export function runErrorView(row: typeof syncRunErrors.$inferSelect): RunErrorView {
  return {
    id: row.id,
    external_id: row.externalId,
    kind: row.kind,
    message: row.message,
    field_errors: row.fieldErrors,
    record: row.record,
    created_at: row.createdAt.toISOString(),
  };
}
