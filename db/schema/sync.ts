import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestamps } from "./columns";
import { integrations } from "./integrations";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

const at = (name: string) => timestamp(name, { withTimezone: true });

/** One field of an entity, as lib/mapping's `entityFieldSchema` describes it (kept structural so the schema needs no browser code). */
export type StoredEntityField = {
  key: string;
  label?: string;
  type: "string" | "number" | "integer" | "boolean" | "date" | "datetime" | "enum" | "json";
  required?: boolean;
  enum_values?: string[];
  description?: string;
};

export const entities = pgTable(
  "entities",
  {
    id: id(),
    tenantId: tenantId(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    fields: jsonb("fields").$type<StoredEntityField[]>().notNull().default([]),
    // Fields that identify a record besides its source's external id (what an import matches on).
    keyFields: jsonb("key_fields").$type<string[]>().notNull().default([]),
    // The template it was made from, if any.
    template: text("template"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("entities_tenant_key_idx").on(t.tenantId, t.key),
    index("entities_tenant_created_idx").on(t.tenantId, t.createdAt),
  ],
);

export const RECORD_SOURCE_TYPES = ["integration", "import"] as const;
export type RecordSourceType = (typeof RECORD_SOURCE_TYPES)[number];
export const RECORD_ACTIONS = ["created", "updated", "deleted"] as const;
export type RecordAction = (typeof RECORD_ACTIONS)[number];

export type RecordConflict = { reason: string; at: string; run_id: string | null };

export const records = pgTable(
  "records",
  {
    id: id(),
    tenantId: tenantId(),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    // An integration (source_id its id) or an import (source_id the import's source name), so one
    // entity can hold the same remote id from two sources without them overwriting each other.
    sourceType: text("source_type").$type<RecordSourceType>().notNull(),
    sourceId: text("source_id").notNull(),
    externalId: text("external_id").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    // SHA-256 of the canonical JSON of `data` (sorted keys): an unchanged record is not rewritten.
    hash: text("hash").notNull(),
    firstSeenAt: at("first_seen_at").notNull().defaultNow(),
    lastModifiedAt: at("last_modified_at").notNull().defaultNow(),
    lastAction: text("last_action").$type<RecordAction>().notNull(),
    deletedAt: at("deleted_at"),
    // The change time the remote reported (the stream's change-time field), for incremental checkpoints and conflicts.
    remoteModifiedAt: at("remote_modified_at"),
    // The last run that saw the record: a completed full run marks the records it did not see as deleted.
    lastSeenRunId: uuid("last_seen_run_id"),
    lastRunId: uuid("last_run_id"),
    // Outbound: per stream id, the id the remote gave the record, and the hash last pushed there.
    remoteIds: jsonb("remote_ids").$type<Record<string, string>>().notNull().default({}),
    pushedHashes: jsonb("pushed_hashes").$type<Record<string, string>>().notNull().default({}),
    // Outbound: per stream id, the remote's version of the record as last pushed or read (QuickBooks' SyncToken).
    remoteVersions: jsonb("remote_versions").$type<Record<string, string>>().notNull().default({}),
    // Outbound: per stream id, why the last push was refused as a conflict (the remote changed the record since).
    conflicts: jsonb("conflicts").$type<Record<string, RecordConflict>>().notNull().default({}),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("records_tenant_entity_source_external_idx").on(t.tenantId, t.entityId, t.sourceType, t.sourceId, t.externalId),
    index("records_tenant_entity_modified_idx").on(t.tenantId, t.entityId, t.lastModifiedAt, t.id),
    // A run's end gathers the records it changed for its batched record.* events.
    index("records_tenant_last_run_idx").on(t.tenantId, t.lastRunId),
    check("records_source_type_check", sql`${t.sourceType} in ('integration', 'import')`),
    check("records_last_action_check", sql`${t.lastAction} in ('created', 'updated', 'deleted')`),
  ],
);

export const STREAM_DIRECTIONS = ["inbound", "outbound", "bidirectional"] as const;
export type StreamDirection = (typeof STREAM_DIRECTIONS)[number];
export const STREAM_MODES = ["full", "incremental"] as const;
export type StreamMode = (typeof STREAM_MODES)[number];
export const UPDATE_METHODS = ["polling", "sse", "webhook"] as const;
export type UpdateMethod = (typeof UPDATE_METHODS)[number];
export const CONFLICT_RULES = ["remote_wins", "patchbay_wins", "newest_wins"] as const;
export type ConflictRule = (typeof CONFLICT_RULES)[number];
export const WEBHOOK_ACTIONS = ["apply", "run"] as const;
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

/** A Custom REST stream's declaration (validated by lib/sync/schema.ts's `restSourceSchema`). */
export type RestSource = {
  path: string;
  method: "GET" | "POST";
  records_path: string;
  id_path: string;
  pagination:
    | { type: "none" }
    | { type: "page"; param: string; start: number; size_param?: string; size?: number }
    | { type: "offset"; param: string; limit_param: string; limit: number }
    | { type: "cursor"; param: string; cursor_path: string }
    | { type: "link_header" }
    | { type: "next_url"; next_path: string };
  incremental?: { param: string; field: string; overlap_seconds: number };
  query?: Record<string, string>;
  /** A provider connector's stream key: the connector fetches the pages (lib/sync/connector.ts), not this declaration. */
  connector?: string;
};

export const dataMappingConfigs = pgTable(
  "data_mapping_configs",
  {
    id: id(),
    tenantId: tenantId(),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    // lib/mapping's MappingConfig.
    config: jsonb("config").$type<{ fields: unknown[] }>().notNull(),
    version: integer("version").notNull().default(1),
    ...timestamps(),
  },
  (t) => [...tenantIsolation(t), index("data_mapping_configs_tenant_entity_idx").on(t.tenantId, t.entityId)],
);

export const syncStreams = pgTable(
  "sync_streams",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    mappingId: uuid("mapping_id")
      .notNull()
      .references(() => dataMappingConfigs.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    direction: text("direction").$type<StreamDirection>().notNull().default("inbound"),
    mode: text("mode").$type<StreamMode>().notNull().default("full"),
    updateMethod: text("update_method").$type<UpdateMethod>().notNull().default("polling"),
    intervalSeconds: integer("interval_seconds").notNull().default(300),
    enabled: boolean("enabled").notNull().default(true),
    source: jsonb("source").$type<RestSource>().notNull(),
    webhookAction: text("webhook_action").$type<WebhookAction>().notNull().default("run"),
    conflictRule: text("conflict_rule").$type<ConflictRule>().notNull().default("remote_wins"),
    nextRunAt: at("next_run_at"),
    lastRunId: uuid("last_run_id"),
    // The incremental checkpoint a completed run leaves for the next: { since, seen: hashes at `since` }.
    checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>(),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("sync_streams_tenant_integration_name_idx").on(t.tenantId, t.integrationId, t.name),
    index("sync_streams_due_idx")
      .on(t.nextRunAt)
      .where(sql`enabled and update_method = 'polling'`),
    check("sync_streams_direction_check", sql`${t.direction} in ('inbound', 'outbound', 'bidirectional')`),
    check("sync_streams_mode_check", sql`${t.mode} in ('full', 'incremental')`),
    check("sync_streams_update_method_check", sql`${t.updateMethod} in ('polling', 'sse', 'webhook')`),
    check("sync_streams_webhook_action_check", sql`${t.webhookAction} in ('apply', 'run')`),
    check("sync_streams_conflict_rule_check", sql`${t.conflictRule} in ('remote_wins', 'patchbay_wins', 'newest_wins')`),
  ],
);

export const SYNC_RUN_TYPES = ["full", "incremental", "push", "pull", "real_time"] as const;
export type SyncRunType = (typeof SYNC_RUN_TYPES)[number];
export const SYNC_TRIGGERS = ["schedule", "manual", "webhook", "sse", "import", "replay"] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];
export const SYNC_RUN_STATUSES = ["queued", "running", "completed", "partial", "failed", "cancelled"] as const;
export type SyncRunStatus = (typeof SYNC_RUN_STATUSES)[number];

export type SyncCounts = {
  processed: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
};

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: id(),
    tenantId: tenantId(),
    // Null for an import's run.
    integrationId: uuid("integration_id").references(() => integrations.id, { onDelete: "cascade" }),
    streamId: uuid("stream_id").references(() => syncStreams.id, { onDelete: "cascade" }),
    entityId: uuid("entity_id")
      .notNull()
      .references(() => entities.id, { onDelete: "cascade" }),
    sourceType: text("source_type").$type<RecordSourceType>().notNull().default("integration"),
    sourceId: text("source_id").notNull(),
    type: text("type").$type<SyncRunType>().notNull(),
    direction: text("direction").$type<StreamDirection>().notNull().default("inbound"),
    trigger: text("trigger").$type<SyncTrigger>().notNull(),
    status: text("status").$type<SyncRunStatus>().notNull().default("queued"),
    // Why the run is where it is: "rate limited until …", "skipped: previous run still running", the failure.
    statusReason: text("status_reason"),
    rateLimitedUntil: at("rate_limited_until"),
    cancelRequested: boolean("cancel_requested").notNull().default(false),
    replayOf: uuid("replay_of"),
    processed: integer("processed").notNull().default(0),
    created: integer("created").notNull().default(0),
    updated: integer("updated").notNull().default(0),
    unchanged: integer("unchanged").notNull().default(0),
    deleted: integer("deleted").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    pages: integer("pages").notNull().default(0),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    // Where a killed run resumes: the next page to fetch and the incremental window it runs in.
    checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>(),
    startedAt: at("started_at"),
    heartbeatAt: at("heartbeat_at"),
    completedAt: at("completed_at"),
    durationMs: integer("duration_ms"),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("sync_runs_tenant_integration_created_idx").on(t.tenantId, t.integrationId, t.createdAt),
    index("sync_runs_tenant_stream_created_idx").on(t.tenantId, t.streamId, t.createdAt),
    // One run of a stream at a time: a second queued or running one cannot exist.
    uniqueIndex("sync_runs_one_active_per_stream_idx")
      .on(t.streamId)
      .where(sql`status in ('queued', 'running') and stream_id is not null`),
    check("sync_runs_type_check", sql`${t.type} in ('full', 'incremental', 'push', 'pull', 'real_time')`),
    check("sync_runs_trigger_check", sql`${t.trigger} in ('schedule', 'manual', 'webhook', 'sse', 'import', 'replay')`),
    check("sync_runs_status_check", sql`${t.status} in ('queued', 'running', 'completed', 'partial', 'failed', 'cancelled')`),
  ],
);

export const syncRunErrors = pgTable(
  "sync_run_errors",
  {
    id: id(),
    tenantId: tenantId(),
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    externalId: text("external_id"),
    // mapping (rules failed), too_large, no_id, push (the remote refused), conflict.
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    // lib/mapping's FieldError[]: per field, the value, the rule and why.
    fieldErrors: jsonb("field_errors").$type<unknown[]>().notNull().default([]),
    // The remote record as received, redacted and capped.
    record: jsonb("record"),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), index("sync_run_errors_tenant_run_idx").on(t.tenantId, t.runId, t.createdAt)],
);

/** The redacted raw pages of a run, so it can be replayed after a mapping fix without calling the provider. */
export const syncRunPages = pgTable(
  "sync_run_pages",
  {
    id: id(),
    tenantId: tenantId(),
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    body: text("body").notNull(),
    bytes: integer("bytes").notNull(),
    createdAt: createdAt(),
  },
  (t) => [...tenantIsolation(t), uniqueIndex("sync_run_pages_tenant_run_seq_idx").on(t.tenantId, t.runId, t.seq)],
);
