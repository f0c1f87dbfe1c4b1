import { and, eq, inArray } from "drizzle-orm";
import { records, type StoredEntityField } from "@/db/schema";
import { recordHash } from "@/lib/sync/canonical";
import { loadEntity } from "@/lib/sync/entities";
import { upsertRecords } from "@/lib/sync/records";
import { addRunErrors, addRunProgress, createRun, finishRun, ChangeBatch, MAX_STORED_ERRORS_PER_RUN } from "@/lib/sync/runs";
import type { TenantContext } from "@/lib/tenancy/context";
import type { ImportTarget, Plan, TargetField } from "./types";

/** Every import into an entity writes as one source, so a second import of the same rows updates them instead of adding copies. */
export const IMPORT_SOURCE = { type: "import" as const, id: "imports" };

/** Without key fields a file names each record's id in this column. */
const EXTERNAL_ID: TargetField = {
  key: "external_id",
  label: "External ID",
  type: "string",
  required: true,
  description: "Identifies the record; an existing one is updated.",
  example: "REC-0001",
};

const EXAMPLES: Record<StoredEntityField["type"], string> = {
  string: "Text",
  number: "12.5",
  integer: "42",
  boolean: "true",
  date: "2026-11-23",
  datetime: "2026-11-23T09:00:00Z",
  enum: "",
  json: '{"a":1}',
};

function toTargetField(f: StoredEntityField): TargetField {
  return { ...f, example: f.type === "enum" ? (f.enum_values?.[0] ?? "") : EXAMPLES[f.type] };
}

/** The records of one entity, written through the sync engine's records API; the import is a sync run with trigger import. */
export async function entityTarget(ctx: TenantContext, key: string): Promise<ImportTarget> {
  const entity = await loadEntity(ctx, key);
  const keyFields = entity.keyFields.length ? entity.keyFields : [EXTERNAL_ID.key];
  const fields = [...(entity.keyFields.length ? [] : [EXTERNAL_ID]), ...entity.fields.map(toTargetField)];
  const externalId = (data: Record<string, unknown>) => keyFields.map((k) => String(data[k] ?? "")).join("|");
  // Without key fields the id column names the record; it is not one of the entity's fields.
  const stored = (data: Record<string, unknown>) => {
    if (entity.keyFields.length) return data;
    const rest = { ...data };
    delete rest.external_id;
    return rest;
  };
  const changes = new Map<string, ChangeBatch>();
  const storedErrors = new Map<string, number>();
  return {
    key: `entity:${entity.key}`,
    label: entity.name,
    fields,
    keyField: keyFields[0]!,
    check: () => [],

    async plan(ctx, rows, tx) {
      const ids = rows.map((r) => externalId(r.data));
      const existing = ids.length
        ? await tx
            .select({ externalId: records.externalId, hash: records.hash, deletedAt: records.deletedAt })
            .from(records)
            .where(
              and(
                eq(records.tenantId, ctx.tenant.id),
                eq(records.entityId, entity.id),
                eq(records.sourceType, IMPORT_SOURCE.type),
                eq(records.sourceId, IMPORT_SOURCE.id),
                inArray(records.externalId, ids),
              ),
            )
        : [];
      const byId = new Map(existing.map((r) => [r.externalId, r]));
      return rows.map((r, i): Plan => {
        const found = byId.get(ids[i]!);
        if (!found) return { action: "create" };
        if (found.deletedAt) return { action: "update", changes: ["restored"] };
        return found.hash === recordHash(stored(r.data)) ? { action: "unchanged" } : { action: "update" };
      });
    },

    async write() {
      throw new Error("entity imports write batches through writeMany");
    },

    async writeMany(ctx, rows, tx, runId) {
      const ids = rows.map((r) => externalId(r.data));
      const result = await upsertRecords(tx, ctx, {
        entityId: entity.id,
        source: IMPORT_SOURCE,
        rows: rows.map((r, i) => ({ externalId: ids[i]!, data: stored(r.data) })),
        runId,
      });
      if (runId) {
        const batch = changes.get(runId) ?? new ChangeBatch();
        batch.add(result.changes);
        changes.set(runId, batch);
      }
      // As plan counts them: a restored record is an update of the import's row, not a new one.
      const restored = new Set(result.restored);
      const action = new Map(
        result.changes.map((c) => [c.externalId, c.action === "created" && !restored.has(c.externalId) ? "create" : "update"] as const),
      );
      return ids.map((id) => ({ ok: true as const, action: action.get(id) ?? "unchanged" }));
    },

    run: {
      async open(ctx, tx, importId) {
        const run = await createRun(tx, ctx, {
          entityId: entity.id,
          source: { type: "import", id: importId },
          type: "full",
          trigger: "import",
          status: "running",
        });
        return run.id;
      },
      async progress(ctx, tx, runId, counts, failures) {
        await addRunProgress(tx, ctx, runId, {
          processed: counts.processed,
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
          failed: counts.failed + counts.conflict,
        });
        // The import keeps every error itself; the run keeps the first ones, as the sync log does.
        const already = storedErrors.get(runId) ?? 0;
        if (already >= MAX_STORED_ERRORS_PER_RUN || failures.length === 0) return;
        const kept = await addRunErrors(
          tx,
          ctx,
          runId,
          failures.map((f) => ({
            externalId: null,
            kind: "validation",
            message: `Row ${f.row}: ${f.errors.map((e) => `${e.column ?? "row"}: ${e.message}`).join("; ")}`,
          })),
          already,
        );
        storedErrors.set(runId, already + kept);
      },
      async close(ctx, tx, runId, end) {
        const run = await finishRun(tx, ctx, runId, end);
        await changes.get(runId)?.emit(tx, ctx, run, entity.key);
        changes.delete(runId);
      },
    },
  };
}
