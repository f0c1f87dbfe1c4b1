import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import type { ActorType } from "./audit";
import { createdAt, id, timestamps } from "./columns";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const IMPORT_STATUSES = ["uploaded", "validating", "validated", "pending", "importing", "completed", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Counts of an import's dry run and of its execution; both have the same shape. */
export type ImportCounts = { processed: number; created: number; updated: number; unchanged: number; conflict: number; failed: number };

export const importJobs = pgTable(
  "import_jobs",
  {
    id: id(),
    tenantId: tenantId(),
    /** "integrations", or "entity:<key>" for an entity's records. */
    target: text("target").notNull(),
    format: text("format").notNull(),
    fileName: text("file_name").notNull(),
    fileBytes: bigint("file_bytes", { mode: "number" }).notNull(),
    fileSha256: text("file_sha256").notNull(),
    /** How the file is read again: delimiter and encoding (CSV), record element (XML), sheet (XLSX). */
    parseOptions: jsonb("parse_options").$type<Record<string, string>>().notNull().default({}),
    columns: jsonb("columns").$type<string[]>().notNull(),
    rowsTotal: integer("rows_total").notNull(),
    /** A MappingConfig of lib/mapping: target field ← `$['Column']`. */
    mapping: jsonb("mapping").$type<Record<string, unknown>>(),
    status: text("status").$type<ImportStatus>().notNull().default("uploaded"),
    allOrNothing: boolean("all_or_nothing").notNull().default(false),
    dryRun: jsonb("dry_run").$type<ImportCounts>(),
    counts: jsonb("counts").$type<ImportCounts>(),
    /** The last file row whose batch committed: a resumed run starts after it. */
    checkpointRow: integer("checkpoint_row").notNull().default(0),
    /** The sync run an entity import is recorded as (trigger import), in the sync log. */
    syncRunId: uuid("sync_run_id"),
    error: text("error"),
    /** Who started it: the import runs in the background as them (a test-mode key's import stays in the sandbox). */
    actor: jsonb("actor").$type<{ type: ActorType; id?: string | null; label?: string | null }>().notNull(),
    sandboxOnly: boolean("sandbox_only").notNull().default(false),
    startedAt: at("started_at"),
    finishedAt: at("finished_at"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("import_jobs_tenant_created_idx").on(t.tenantId, t.createdAt),
    check(
      "import_jobs_status_check",
      sql`${t.status} in ('uploaded', 'validating', 'validated', 'pending', 'importing', 'completed', 'failed')`,
    ),
  ],
);

/** Per row and column: what was wrong, with the value (never a credential's) and the reason. */
export const importErrors = pgTable(
  "import_errors",
  {
    id: id(),
    tenantId: tenantId(),
    importId: uuid("import_id")
      .notNull()
      .references(() => importJobs.id, { onDelete: "cascade" }),
    /** validate: the dry run; execute: the write. */
    phase: text("phase").$type<"validate" | "execute">().notNull(),
    row: integer("row").notNull(),
    column: text("column"),
    value: text("value"),
    message: text("message").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("import_errors_tenant_idx").on(t.tenantId),
    index("import_errors_import_row_idx").on(t.importId, t.phase, t.row),
  ],
);

/** A column mapping an admin confirmed, so the next upload of the same layout for the same target maps itself. */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: id(),
    tenantId: tenantId(),
    target: text("target").notNull(),
    /** Hash of the normalised, sorted column names. */
    layout: text("layout").notNull(),
    mapping: jsonb("mapping").$type<Record<string, unknown>>().notNull(),
    ...timestamps(),
  },
  (t) => [...tenantIsolation(t), uniqueIndex("import_mappings_tenant_target_layout_idx").on(t.tenantId, t.target, t.layout)],
);

export const EXPORT_STATUSES = ["queued", "running", "completed", "failed"] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

export const exportJobs = pgTable(
  "export_jobs",
  {
    id: id(),
    tenantId: tenantId(),
    target: text("target").notNull(),
    format: text("format").notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status").$type<ExportStatus>().notNull().default("queued"),
    processed: integer("processed").notNull().default(0),
    total: integer("total"),
    fileName: text("file_name"),
    fileBytes: bigint("file_bytes", { mode: "number" }),
    /** SHA-256 of the data (the rows as written), as the metadata states it. */
    sha256: text("sha256"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    error: text("error"),
    actor: jsonb("actor").$type<{ type: ActorType; id?: string | null; label?: string | null }>().notNull(),
    sandboxOnly: boolean("sandbox_only").notNull().default(false),
    expiresAt: at("expires_at").notNull(),
    finishedAt: at("finished_at"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("export_jobs_tenant_created_idx").on(t.tenantId, t.createdAt),
    check("export_jobs_status_check", sql`${t.status} in ('queued', 'running', 'completed', 'failed')`),
  ],
);

/**
 * The bytes of uploaded files and finished exports, in order, in the database: any worker on any
 * machine reads them from the same PostgreSQL. Encrypted (an integrations spreadsheet carries
 * credentials), bound to tenant and chunk.
 */
export const fileChunks = pgTable(
  "file_chunks",
  {
    id: id(),
    tenantId: tenantId(),
    /** The import or export the bytes belong to; they go with it. */
    fileId: uuid("file_id").notNull(),
    seq: integer("seq").notNull(),
    // encryptSecret of the chunk's base64, bound to (tenant, file_chunks, id, data).
    data: text("data").notNull(),
    /** When the bytes were written: chunks of an upload that died before its import row existed are found by age. */
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("file_chunks_file_seq_idx").on(t.fileId, t.seq),
    index("file_chunks_tenant_idx").on(t.tenantId),
  ],
);

export const FILE_CHUNKS_COLUMN = encryptedColumn("file_chunks", "data");
export const IMPORT_ENCRYPTED_COLUMNS = [FILE_CHUNKS_COLUMN];
