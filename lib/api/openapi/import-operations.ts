import { createExportSchema, downloadQuerySchema } from "@/lib/exports/schema";
import { errorReportQuerySchema, executeImportSchema, templateQuerySchema, validateImportSchema } from "@/lib/imports/schema";
import type { Operation } from "./operations";

const IMPORT_ID = "9d4b7c1e-2f3a-4b5c-8d6e-7f8091a2b3c4";
const EXPORT_ID = "2c7e9f10-4a5b-4c6d-9e8f-0a1b2c3d4e5f";
const counts = { processed: 300, created: 296, updated: 2, unchanged: 0, conflict: 1, failed: 1 };
const importStatus = {
  id: IMPORT_ID,
  target: "integrations",
  format: "xlsx",
  file_name: "sites.xlsx",
  file_bytes: 48211,
  status: "importing",
  all_or_nothing: false,
  columns: ["Name", "Provider", "Auth type", "Base URL", "Token"],
  rows_total: 300,
  dry_run: counts,
  counts: { processed: 150, created: 148, updated: 1, unchanged: 0, conflict: 1, failed: 0 },
  progress: { processed: 150, total: 300, percent: 50, rows_per_second: 120, seconds_left: 2 },
  errors_total: 1,
  error: null,
  created_by: "it@acme.example",
  created_at: "2026-11-23T09:00:00.000Z",
  started_at: "2026-11-23T09:01:00.000Z",
  finished_at: null,
};
const metadata = {
  exported_at: "2026-11-23T09:00:02.000Z",
  exported_by: "it@acme.example",
  tenant: "acme",
  target: "integrations",
  filters: { environment: "production" },
  format: "csv",
  schema: [
    { name: "id", type: "string" },
    { name: "name", type: "string" },
    { name: "has_credentials", type: "boolean" },
  ],
  patchbay_version: "0.1.0",
  row_count: 42,
  sha256: "9f2c4d7e0b1a3c5e7f9a1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a3c5e7b9d1f3a",
  sha256_of: "file",
};
const exportStatus = {
  id: EXPORT_ID,
  target: "integrations",
  format: "csv",
  filters: { environment: "production" },
  status: "completed",
  progress: { processed: 42, total: 42 },
  row_count: 42,
  file_name: "integrations-2026-11-23-09-00-02.csv",
  file_bytes: 8123,
  sha256: metadata.sha256,
  metadata,
  error: null,
  created_by: "it@acme.example",
  created_at: "2026-11-23T09:00:00.000Z",
  finished_at: "2026-11-23T09:00:02.000Z",
  expires_at: "2026-11-30T09:00:00.000Z",
};

export const IMPORT_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/import/upload",
    summary: "Upload a file to import",
    description:
      "Multipart: the file (CSV, XLSX, JSON array or NDJSON, XML; up to the server's limit, 1 GB by default) and the target (`integrations`, or `entity:<key>`). The file is streamed into storage and read through once: a file that is not what it claims (binary, truncated, an XML DTD, more than 1000 columns, a record over 1 MB) is refused with 422 and nothing is kept. Answers the columns, the row count and a suggested mapping: the one remembered for this layout and target, else by header names (exact, then by edit distance).",
    scope: "imports:write",
    multipart: {
      properties: {
        file: { type: "string", format: "binary" },
        target: { type: "string", example: "integrations" },
        format: {
          type: "string",
          enum: ["csv", "xlsx", "json", "xml"],
          description: "Detected from the bytes and the name when left out.",
        },
        delimiter: { type: "string", enum: [",", ";", "\t", "|"], description: "CSV; detected when left out." },
        encoding: { type: "string", enum: ["auto", "utf-8", "windows-1252"] },
        record_element: { type: "string", description: "XML: the element each record is; the root's first child when left out." },
        sheet: { type: "string", description: "XLSX: the worksheet; the first when left out." },
      },
      required: ["file", "target"],
    },
    success: {
      status: 201,
      description: "The stored upload.",
      example: {
        id: IMPORT_ID,
        target: "integrations",
        format: "xlsx",
        file_name: "sites.xlsx",
        columns: ["Name", "Provider", "Auth type", "Base URL", "Token"],
        rows_estimate: 300,
        suggested_mapping: { name: "Name", provider: "Provider", auth_type: "Auth type", base_url: "Base URL", token: "Token" },
        mapping_source: "suggested",
      },
    },
    errors: [400, 401, 403, 413, 415, 422, 429],
  },
  {
    method: "post",
    path: "/import/validate",
    summary: "Dry run an import",
    description:
      "Maps and validates every row (the rules engine of the sync mappings) and compares it with what exists, writing nothing: per row create, update, unchanged or conflict (a key twice in the file, a name taken by another provider), and errors per row and column with the value (credentials redacted) and the reason. `mapping` is a column per field, or a full rules-engine mapping; it is kept and remembered for the layout.",
    scope: "imports:write",
    body: {
      schema: validateImportSchema,
      example: { import_id: IMPORT_ID, mapping: { name: "Name", provider: "Provider", auth_type: "Auth type", token: "Token" } },
    },
    success: {
      status: 200,
      description: "Counts, a sample of the diff and of the errors.",
      example: {
        import_id: IMPORT_ID,
        status: "validated",
        counts,
        diff: [{ row: 2, action: "update", key: "Site 042 (Lyon)", changes: ["base_url"] }],
        errors: [{ row: 7, column: "Base URL", value: "ftp://lyon", message: "The base URL must start with https://." }],
        errors_total: 1,
      },
    },
    errors: [401, 403, 404, 409, 422, 429],
  },
  {
    method: "post",
    path: "/import/execute",
    summary: "Run a validated import",
    description:
      "Queues the import; a worker writes it in batches of 500, each in a transaction with its checkpoint, so a killed worker's successor resumes without duplicating rows. Failing rows are skipped and reported, unless `all_or_nothing` (then one transaction, refused up front when the dry run found errors).",
    scope: "imports:write",
    body: { schema: executeImportSchema, example: { import_id: IMPORT_ID, all_or_nothing: false } },
    success: { status: 202, description: "Queued.", example: { id: IMPORT_ID, status: "pending" } },
    errors: [401, 403, 404, 409, 422, 429],
  },
  {
    method: "get",
    path: "/import/{id}/status",
    summary: "An import's status and progress",
    description:
      "Status (uploaded, validating, validated, pending, importing, completed, failed), counts, and progress: rows processed of the total, rows per second, seconds left.",
    scope: "imports:write",
    success: { status: 200, description: "The import.", example: importStatus },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/import/{id}/errors",
    summary: "Download an import's error report",
    description:
      "The failing rows as the file had them with an `errors` column; in XLSX each failing cell is filled red with its reason as a note. Credentials are blanked.",
    scope: "imports:write",
    query: errorReportQuerySchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    success: { status: 200, description: "The report file." },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "get",
    path: "/import/templates/{type}",
    summary: "Download an import template",
    description:
      "Headers, one example row and the rules per column (required, type, allowed values): a notes row starting with `# ` (skipped on import) in CSV, JSON and XML; header comments and drop-down lists in XLSX. `type`: `integrations` or `entity:<key>`.",
    scope: "imports:write",
    pathParams: { type: { type: "string", example: "integrations" } },
    query: templateQuerySchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json", "application/xml"],
    success: { status: 200, description: "The template file." },
    errors: [401, 403, 422, 429],
  },
  {
    method: "get",
    path: "/export",
    summary: "List exports",
    scope: "exports:read",
    success: { status: 200, description: "The latest exports.", example: { data: [exportStatus] } },
    errors: [401, 403, 429],
  },
  {
    method: "post",
    path: "/export",
    summary: "Start an export",
    description:
      "Builds a file of a target's rows in the background with the list page's filters: integrations (never a secret: `has_credentials` and the hint), health_history (`integration_id`), webhook_deliveries (`endpoint_id`), audit_log, records (an entity's: `entity` plus the records list's `modified_after`, `actions`, `source_type`, `q`; the entity's fields as columns, then `record_*` columns), sync_runs (every run, imports' included: `integration_id`, `entity`, `trigger`, `status`, `since`, `until`). Metadata (exported_at, by whom, target and filters, row count, schema, Patchbay version, SHA-256) is in the JSON envelope, the XML's <metadata>, the XLSX document properties and Metadata sheet, and for CSV in the metadata.json sidecar (`…/download?file=metadata`). The SHA-256 is of the file for CSV and of the canonical rows (one JSON array of the schema's values per line) otherwise.",
    scope: "exports:read",
    body: { schema: createExportSchema, example: { target: "integrations", format: "csv", filters: { environment: "production" } } },
    success: {
      status: 202,
      description: "Queued.",
      example: {
        ...exportStatus,
        status: "queued",
        progress: { processed: 0, total: null },
        row_count: null,
        metadata: null,
        sha256: null,
      },
    },
    errors: [401, 403, 422, 429],
  },
  {
    method: "get",
    path: "/export/{id}",
    summary: "An export's status and metadata",
    scope: "exports:read",
    success: { status: 200, description: "The export.", example: exportStatus },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/export/{id}/download",
    summary: "Download an export",
    description: "The file, or with `file=metadata` its metadata as JSON. Kept for the retention period (7 days by default).",
    scope: "exports:read",
    query: downloadQuerySchema,
    produces: ["text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json", "application/xml"],
    success: { status: 200, description: "The file." },
    errors: [401, 403, 404, 409, 422, 429],
  },
];
