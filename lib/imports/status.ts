import { and, count, desc, eq, lt, or } from "drizzle-orm";
import { importErrors, importJobs } from "@/db/schema";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { loadImport, NO_COUNTS, type ImportJob } from "./store";

/** Rows processed of the total, the rate since the start and the time left at that rate. */
export function progressOf(job: Pick<ImportJob, "counts" | "rowsTotal" | "startedAt" | "finishedAt" | "status">, now = new Date()) {
  const processed = job.counts?.processed ?? 0;
  const total = job.rowsTotal;
  const end = job.finishedAt ?? now;
  const seconds = job.startedAt ? Math.max(0.001, (end.getTime() - job.startedAt.getTime()) / 1000) : null;
  const rate = seconds && processed > 0 ? processed / seconds : null;
  return {
    processed,
    total,
    percent: total > 0 ? Math.min(100, Math.round((processed / total) * 1000) / 10) : job.status === "completed" ? 100 : 0,
    rows_per_second: rate === null ? null : Math.round(rate),
    seconds_left: rate && job.status === "importing" ? Math.ceil((total - processed) / rate) : null,
  };
}

export function importView(job: ImportJob, errorsTotal = 0) {
  return {
    id: job.id,
    target: job.target,
    format: job.format,
    file_name: job.fileName,
    file_bytes: job.fileBytes,
    status: job.status,
    all_or_nothing: job.allOrNothing,
    columns: job.columns,
    rows_total: job.rowsTotal,
    dry_run: job.dryRun,
    counts: job.counts ?? NO_COUNTS,
    progress: progressOf(job),
    errors_total: errorsTotal,
    error: job.error,
    // An entity import's run in the sync log (GET /sync-runs/{id}); integrations imports have none.
    sync_run_id: job.syncRunId,
    created_by: job.actor.label ?? null,
    created_at: job.createdAt.toISOString(),
    started_at: job.startedAt?.toISOString() ?? null,
    finished_at: job.finishedAt?.toISOString() ?? null,
  };
}
export type ImportView = ReturnType<typeof importView>;

/** The phase whose errors an import shows: the write's once it ran, the dry run's before. */
export function reportPhase(job: Pick<ImportJob, "status">): "validate" | "execute" {
  return ["pending", "importing", "completed", "failed"].includes(job.status) ? "execute" : "validate";
}

export async function importStatus(ctx: TenantContext, id: string) {
  requireRole(ctx, "viewer");
  return withTenant(ctx, async (tx) => {
    const job = await loadImport(ctx, id, { tx });
    const [errors] = await tx
      .select({ n: count() })
      .from(importErrors)
      .where(and(eq(importErrors.importId, job.id), eq(importErrors.phase, reportPhase(job))));
    return importView(job, errors?.n ?? 0);
  });
}

/** The tenant's imports, newest first; `before` is the last seen created_at and id. */
export async function listImports(ctx: TenantContext, options: { limit?: number; before?: { createdAt: Date; id: string } } = {}) {
  requireRole(ctx, "viewer");
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  return withTenant(ctx, async (tx) => {
    const before = options.before;
    const rows = await tx
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.tenantId, ctx.tenant.id),
          before
            ? or(lt(importJobs.createdAt, before.createdAt), and(eq(importJobs.createdAt, before.createdAt), lt(importJobs.id, before.id)))
            : undefined,
        ),
      )
      .orderBy(desc(importJobs.createdAt), desc(importJobs.id))
      .limit(limit);
    return rows.map((r) => importView(r));
  });
}
