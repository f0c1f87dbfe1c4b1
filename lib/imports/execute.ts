import { and, eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import type { Db } from "@/db/client";
import { importErrors, importJobs, type ImportCounts } from "@/db/schema";
import { emitEvent, recordAudit } from "@/lib/audit";
import { AppError, conflict } from "@/lib/errors";
import { startJobs } from "@/lib/jobs/boss";
import type { MappingConfig } from "@/lib/mapping";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { backgroundContext } from "./context";
import { columnMapOf } from "./dry-run";
import { FileFormatError } from "./parse";
import { IMPORT_QUEUES } from "./jobs-queue";
import { batches, checkedRows, type CheckedRow } from "./rows";
import { executeImportSchema } from "./schema";
import { insertErrors, loadImport, MAX_STORED_ERRORS, NO_COUNTS, type ImportJob } from "./store";
import { importTarget, type ImportTarget } from "./targets";
import type { MappedRow, RowError, WriteOutcome } from "./targets/types";

/** Rows per committed batch: a killed worker repeats at most this many, and they roll back with it. */
export const EXECUTE_BATCH = 500;

export const IMPORT_QUEUE_OPTIONS = { expireInSeconds: 4 * 3600, retryLimit: 20, retryDelay: 5 } as const;

export type ImportJobData = { importId: string; tenantId: string };

/** Queues the import; a worker picks it up (in this process or a `patchbay worker` anywhere on the same database). */
async function enqueue(data: ImportJobData) {
  const boss = await startJobs({ workers: false });
  await boss.createQueue(IMPORT_QUEUES.execute, { name: IMPORT_QUEUES.execute, ...IMPORT_QUEUE_OPTIONS });
  await boss.send(IMPORT_QUEUES.execute, data, IMPORT_QUEUE_OPTIONS);
}

/** Starts a validated import in the background. With all-or-nothing, a dry run that found errors or conflicts refuses to start. */
export async function executeImport(ctx: TenantContext, raw: unknown, queue: (data: ImportJobData) => Promise<void> = enqueue) {
  requireRole(ctx, "admin");
  const input = executeImportSchema.parse(raw);
  const job = await withTenant(ctx, async (tx) => {
    const job = await loadImport(ctx, input.import_id, { lock: true, tx });
    if (job.status !== "validated" || !job.dryRun)
      throw conflict(job.status === "uploaded" ? "Run the dry run (validate) first." : `This import is already ${job.status}.`);
    const problems = job.dryRun.failed + job.dryRun.conflict;
    if (input.all_or_nothing && problems > 0)
      throw conflict(
        `The dry run found ${problems} rows with errors or conflicts; fix them, or import without all-or-nothing to skip them.`,
      );
    const [updated] = await tx
      .update(importJobs)
      .set({ status: "pending", allOrNothing: input.all_or_nothing, counts: NO_COUNTS, checkpointRow: 0 })
      .where(eq(importJobs.id, job.id))
      .returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "import.started",
        target: { type: "import", id: job.id },
        details: { all_or_nothing: input.all_or_nothing, rows: job.rowsTotal },
      },
      tx,
    );
    return updated!;
  });
  await queue({ importId: job.id, tenantId: ctx.tenant.id });
  return { id: job.id, status: job.status };
}

class Superseded extends Error {}
class AllOrNothingAbort extends Error {
  constructor(readonly failures: { row: number; errors: RowError[] }[]) {
    super("all or nothing: a row failed");
  }
}

type Batch = { counts: ImportCounts; failures: { row: number; errors: RowError[] }[] };

/**
 * A row-by-row target's batch: planned first (a conflict is not written), then each row in its own
 * savepoint (through the target's service), so a failing row rolls back alone.
 */
async function planAndWrite(
  ctx: TenantContext,
  target: ImportTarget,
  tx: Db,
  ok: MappedRow[],
  keyColumn: string,
  counts: ImportCounts,
  failures: Batch["failures"],
): Promise<{ written: MappedRow[]; outcomes: WriteOutcome[] }> {
  const plans = await target.plan(ctx, ok, tx);
  const written: MappedRow[] = [];
  const outcomes: WriteOutcome[] = [];
  for (let i = 0; i < ok.length; i++) {
    const plan = plans[i]!;
    if (plan.action === "conflict") {
      counts.conflict++;
      failures.push({
        row: ok[i]!.row,
        errors: [
          { column: keyColumn, value: String(ok[i]!.data[target.keyField]), message: plan.reason ?? "Conflicts with an existing row." },
        ],
      });
      continue;
    }
    written.push(ok[i]!);
    outcomes.push(await target.write(ctx, ok[i]!, plan, tx));
  }
  return { written, outcomes };
}

async function writeBatch(
  ctx: TenantContext,
  target: ImportTarget,
  tx: Db,
  batch: CheckedRow[],
  keyColumn: string,
  runId: string | null,
): Promise<Batch> {
  const counts = { ...NO_COUNTS, processed: batch.length };
  const failures: Batch["failures"] = [];
  const ok = batch.flatMap((r) => (r.kind === "ok" ? [r] : []));
  for (const r of batch) {
    if (r.kind === "ok") continue;
    failures.push(r);
    counts[r.kind === "conflict" ? "conflict" : "failed"]++;
  }
  // A set-based target learns each row's action from the write itself: reading the batch first
  // cost a query per batch that slowed as the records grew past their planner statistics.
  const { written, outcomes } = target.writeMany
    ? { written: ok, outcomes: await target.writeMany(ctx, ok, tx, runId) }
    : await planAndWrite(ctx, target, tx, ok, keyColumn, counts, failures);
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) counts[outcome.action === "create" ? "created" : outcome.action === "update" ? "updated" : "unchanged"]++;
    else {
      counts.failed++;
      failures.push({ row: written[i]!.row, errors: outcome.errors });
    }
  });
  failures.sort((a, b) => a.row - b.row);
  return { counts, failures };
}

function add(a: ImportCounts, b: ImportCounts): ImportCounts {
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k as keyof ImportCounts] + b[k as keyof ImportCounts]])) as ImportCounts;
}

async function finish(
  ctx: TenantContext,
  job: ImportJob,
  target: ImportTarget,
  runId: string | null,
  outcome: { status: "completed" | "failed"; error?: string },
) {
  await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .update(importJobs)
      .set({ status: outcome.status, error: outcome.error ?? null, finishedAt: new Date() })
      .where(eq(importJobs.id, job.id))
      .returning();
    const counts = row!.counts ?? NO_COUNTS;
    const details = { target: job.target, file_name: job.fileName, ...counts, ...(outcome.error ? { error: outcome.error } : {}) };
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: `import.${outcome.status}`, target: { type: "import", id: job.id }, details },
      tx,
    );
    await emitEvent(ctx.tenant.id, `import.${outcome.status}`, { id: job.id, ...details }, tx);
    if (runId) {
      const status = outcome.status === "failed" ? "failed" : counts.failed + counts.conflict > 0 ? "partial" : "completed";
      await target.run!.close(ctx, tx, runId, { status, reason: outcome.error });
    }
  });
}

/**
 * Runs an import (the job handler). Batches commit with the checkpoint (the last row they hold)
 * in the same transaction, so a worker killed mid-batch loses that batch's writes and its
 * successor resumes after the last committed one: no row is written twice. The import's row is
 * locked per batch and the checkpoint compared, so two workers never write the same batch.
 */
export async function runImport(data: ImportJobData, options: { batchSize?: number } = {}): Promise<void> {
  const batchSize = options.batchSize ?? EXECUTE_BATCH;
  const scope = { tenant: { id: data.tenantId } };
  const job = await withTenant(scope, (tx) => loadImport(scope, data.importId, { tx }));
  if (job.status !== "pending" && job.status !== "importing") return;
  const ctx = await backgroundContext(job.tenantId, job.actor, job.sandboxOnly);
  const target = await importTarget(ctx, job.target);
  const keyColumn = columnMapOf(job.mapping as MappingConfig)[target.keyField] ?? target.keyField;
  const runId = await withTenant(ctx, async (tx) => {
    const current = await loadImport(ctx, job.id, { lock: true, tx });
    // The sync run is opened once: a resumed import goes on counting into the same one.
    const runId = current.syncRunId ?? (target.run ? await target.run.open(ctx, tx, job.id) : null);
    await tx
      .update(importJobs)
      .set({ status: "importing", syncRunId: runId, startedAt: sql`coalesce(${importJobs.startedAt}, now())` })
      .where(eq(importJobs.id, job.id));
    return runId;
  });
  try {
    if (job.allOrNothing) await runAllOrNothing(ctx, job, target, keyColumn, batchSize, runId);
    else await runInBatches(ctx, job, target, keyColumn, batchSize, runId);
  } catch (error) {
    if (error instanceof Superseded) return;
    if (error instanceof AllOrNothingAbort) {
      await withTenant(ctx, async (tx) => {
        await tx.delete(importErrors).where(and(eq(importErrors.importId, job.id), eq(importErrors.phase, "execute")));
        await insertErrors(tx, ctx, job.id, "execute", error.failures.slice(0, MAX_STORED_ERRORS));
      });
      return finish(ctx, job, target, runId, {
        status: "failed",
        error: `Row ${error.failures[0]!.row} failed; with all-or-nothing, nothing was imported.`,
      });
    }
    // The file or the mapping cannot change between attempts: retrying would fail the same way.
    if (error instanceof FileFormatError || error instanceof AppError)
      return finish(ctx, job, target, runId, { status: "failed", error: error.message });
    throw error;
  }
  await finish(ctx, job, target, runId, { status: "completed" });
}

async function runInBatches(
  ctx: TenantContext,
  job: ImportJob,
  target: ImportTarget,
  keyColumn: string,
  batchSize: number,
  runId: string | null,
) {
  let checkpoint = job.checkpointRow;
  // Rows up to the checkpoint are read again (their keys count for duplicates) but not written.
  const rows = (async function* () {
    for await (const r of checkedRows(ctx, job, target)) if (r.row > checkpoint) yield r;
  })();
  for await (const batch of batches(rows, batchSize)) {
    const last = batch[batch.length - 1]!.row;
    await withTenant(ctx, async (tx) => {
      const current = await loadImport(ctx, job.id, { lock: true, tx });
      if (current.checkpointRow !== checkpoint || current.status !== "importing") throw new Superseded();
      const { counts, failures } = await writeBatch(ctx, target, tx, batch, keyColumn, runId);
      await insertErrors(tx, ctx, job.id, "execute", failures);
      if (runId) await target.run!.progress(ctx, tx, runId, counts, failures);
      await tx
        .update(importJobs)
        .set({ counts: add(current.counts ?? NO_COUNTS, counts), checkpointRow: last })
        .where(eq(importJobs.id, job.id));
    });
    checkpoint = last;
  }
}

/** One transaction for the whole file: the first failing row rolls everything back. */
async function runAllOrNothing(
  ctx: TenantContext,
  job: ImportJob,
  target: ImportTarget,
  keyColumn: string,
  batchSize: number,
  runId: string | null,
) {
  await withTenant(ctx, async (tx) => {
    let total = { ...NO_COUNTS };
    for await (const batch of batches(checkedRows(ctx, job, target), batchSize)) {
      const { counts, failures } = await writeBatch(ctx, target, tx, batch, keyColumn, runId);
      if (failures.length) throw new AllOrNothingAbort(failures);
      if (runId) await target.run!.progress(ctx, tx, runId, counts, failures);
      total = add(total, counts);
    }
    await tx.update(importJobs).set({ counts: total, checkpointRow: job.rowsTotal }).where(eq(importJobs.id, job.id));
  });
}

export const importJobHandler = async (jobs: PgBoss.Job<ImportJobData>[]) => {
  for (const job of jobs) await runImport(job.data);
};
