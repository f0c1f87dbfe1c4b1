import { and, eq } from "drizzle-orm";
import type { ImportCounts } from "@/db/schema";
import { importErrors, importJobs, importMappings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { conflict } from "@/lib/errors";
import type { MappingConfig } from "@/lib/mapping";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { columnOfPath, compileRows, mappingFromColumns } from "./rules";
import { batches, checkedRows } from "./rows";
import { validateImportSchema } from "./schema";
import { insertErrors, loadImport, MAX_STORED_ERRORS, NO_COUNTS } from "./store";
import { suggestColumns, type ColumnMap } from "./suggest";
import { importTarget, type ImportTarget } from "./targets";
import type { PlanAction, RowError } from "./targets/types";
import { layoutHash } from "./upload";

export const DRY_RUN_BATCH = 500;
const SAMPLE = 100;
const COUNT_OF = { create: "created", update: "updated", unchanged: "unchanged", conflict: "conflict" } as const;

export type DiffEntry = { row: number; action: PlanAction | "error"; key: string | null; changes?: string[]; reason?: string };

export type DryRunResult = {
  import_id: string;
  status: "validated";
  counts: ImportCounts;
  diff: DiffEntry[];
  errors: ({ row: number } & RowError)[];
  errors_total: number;
};

/** A column map or a full rules-engine mapping, as the rules-engine mapping the import keeps. */
export function toMappingConfig(target: ImportTarget, mapping: MappingConfig | ColumnMap): MappingConfig {
  if ("fields" in mapping && Array.isArray(mapping.fields)) return mapping as MappingConfig;
  return mappingFromColumns(target.fields, mapping as ColumnMap);
}

export function columnMapOf(config: MappingConfig): ColumnMap {
  return Object.fromEntries(config.fields.map((f) => [f.field, columnOfPath(f.source)]));
}

/**
 * The dry run: every row mapped and checked, and what writing it would do against what exists
 * (create, update, unchanged, conflict), before anything is written. Keeps the mapping on the
 * import and remembers it for the next upload of the same layout.
 */
export async function dryRunImport(ctx: TenantContext, raw: unknown): Promise<DryRunResult> {
  requireRole(ctx, "admin");
  const input = validateImportSchema.parse(raw);
  const job = await withTenant(ctx, async (tx) => {
    const job = await loadImport(ctx, input.import_id, { lock: true, tx });
    if (!["uploaded", "validated", "validating"].includes(job.status))
      throw conflict(`This import is ${job.status}; upload the file again to start over.`);
    const target = await importTarget(ctx, job.target);
    const config = input.mapping
      ? toMappingConfig(target, input.mapping)
      : ((job.mapping as MappingConfig | null) ?? mappingFromColumns(target.fields, suggestColumns(target.fields, job.columns)));
    compileRows(config, target.fields);
    await tx.update(importJobs).set({ status: "validating", mapping: config }).where(eq(importJobs.id, job.id));
    await tx.delete(importErrors).where(and(eq(importErrors.importId, job.id), eq(importErrors.phase, "validate")));
    return { ...job, mapping: config as Record<string, unknown> };
  });
  const target = await importTarget(ctx, job.target);
  const keyColumn = columnMapOf(job.mapping as MappingConfig)[target.keyField] ?? target.keyField;
  const counts = { ...NO_COUNTS };
  const diff: DiffEntry[] = [];
  const errors: DryRunResult["errors"] = [];
  let stored = 0;
  let errorsTotal = 0;
  try {
    for await (const batch of batches(checkedRows(ctx, job, target), DRY_RUN_BATCH)) {
      const ok = batch.flatMap((r) => (r.kind === "ok" ? [r] : []));
      const failed = batch.flatMap((r) => (r.kind === "ok" ? [] : [r]));
      await withTenant(ctx, async (tx) => {
        const plans = await target.plan(ctx, ok, tx);
        plans.forEach((plan, i) => {
          counts[COUNT_OF[plan.action]]++;
          if (plan.action !== "unchanged" && diff.length < SAMPLE)
            diff.push({
              row: ok[i]!.row,
              action: plan.action,
              key: String(ok[i]!.data[target.keyField]),
              changes: plan.changes,
              reason: plan.reason,
            });
        });
        const planConflicts = ok.flatMap((r, i) =>
          plans[i]!.action === "conflict"
            ? [
                {
                  row: r.row,
                  errors: [
                    {
                      column: keyColumn,
                      value: String(r.data[target.keyField]),
                      message: plans[i]!.reason ?? "Conflicts with an existing row.",
                    },
                  ],
                },
              ]
            : [],
        );
        const toStore = [...failed, ...planConflicts].slice(0, Math.max(0, MAX_STORED_ERRORS - stored));
        stored += toStore.length;
        await insertErrors(tx, ctx, job.id, "validate", toStore);
      });
      for (const r of failed) {
        counts[r.kind === "conflict" ? "conflict" : "failed"]++;
        errorsTotal += r.errors.length;
        for (const e of r.errors) if (errors.length < SAMPLE) errors.push({ row: r.row, ...e });
        if (diff.length < SAMPLE) diff.push({ row: r.row, action: r.kind, key: null, reason: r.errors.map((e) => e.message).join(" ") });
      }
      counts.processed += batch.length;
    }
  } catch (error) {
    await withTenant(ctx, (tx) => tx.update(importJobs).set({ status: "uploaded" }).where(eq(importJobs.id, job.id)));
    throw error;
  }
  await withTenant(ctx, async (tx) => {
    await tx.update(importJobs).set({ status: "validated", dryRun: counts }).where(eq(importJobs.id, job.id));
    const remembered = {
      tenantId: ctx.tenant.id,
      target: target.key,
      layout: layoutHash(job.columns),
      mapping: columnMapOf(job.mapping as MappingConfig),
    };
    await tx
      .insert(importMappings)
      .values(remembered)
      .onConflictDoUpdate({
        target: [importMappings.tenantId, importMappings.target, importMappings.layout],
        set: { mapping: remembered.mapping },
      });
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "import.validated",
        target: { type: "import", id: job.id },
        details: { ...counts },
      },
      tx,
    );
  });
  diff.sort((a, b) => a.row - b.row);
  return { import_id: job.id, status: "validated", counts, diff, errors, errors_total: errorsTotal };
}
