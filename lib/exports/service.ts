import { randomUUID } from "node:crypto";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { exportJobs, fileChunks } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { AppError, conflict, invalid, notFound } from "@/lib/errors";
import { deleteFile, openFile, storeBuffers } from "@/lib/files/chunks";
import { backgroundContext } from "@/lib/imports/context";
import { IMPORT_QUEUES } from "@/lib/imports/jobs-queue";
import { startJobs } from "@/lib/jobs/boss";
import { loadEntity } from "@/lib/sync/entities";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { isUuid, tenantDb, withSystem, withTenant, type TenantScope } from "@/lib/tenancy/data";
import packageJson from "@/package.json";
import { createExportSchema, type ExportFormat } from "./schema";
import { EXPORT_SOURCES } from "./sources";
import { writeExport, type ExportMetadata } from "./writers";

export type ExportJob = typeof exportJobs.$inferSelect;
export type ExportJobData = { exportId: string; tenantId: string };

export const PATCHBAY_VERSION: string = packageJson.version;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  xml: "application/xml",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function exportView(job: ExportJob) {
  return {
    id: job.id,
    target: job.target,
    format: job.format,
    filters: job.filters,
    status: job.status,
    progress: { processed: job.processed, total: job.total },
    row_count: job.status === "completed" ? job.processed : null,
    file_name: job.fileName,
    file_bytes: job.fileBytes,
    sha256: job.sha256,
    metadata: job.metadata,
    error: job.error,
    created_by: job.actor.label ?? null,
    created_at: job.createdAt.toISOString(),
    finished_at: job.finishedAt?.toISOString() ?? null,
    expires_at: job.expiresAt.toISOString(),
  };
}
export type ExportView = ReturnType<typeof exportView>;

async function loadExport(scope: TenantScope, id: string): Promise<ExportJob> {
  if (!isUuid(id)) throw notFound("Export");
  const [row] = await tenantDb(scope)
    .select()
    .from(exportJobs)
    .where(and(eq(exportJobs.id, id), eq(exportJobs.tenantId, scope.tenant.id)));
  if (!row) throw notFound("Export");
  return row;
}

async function enqueue(data: ExportJobData) {
  const boss = await startJobs({ workers: false });
  await boss.createQueue(IMPORT_QUEUES.export, { name: IMPORT_QUEUES.export, ...EXPORT_QUEUE_OPTIONS });
  await boss.send(IMPORT_QUEUES.export, data, EXPORT_QUEUE_OPTIONS);
}

export const EXPORT_QUEUE_OPTIONS = { expireInSeconds: 3600, retryLimit: 5, retryDelay: 5 } as const;

// An unknown entity is the caller's mistake in the body, said before anything is queued.
async function knownEntity(ctx: TenantContext, key: string) {
  await loadEntity(ctx, key).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found")
      throw invalid("No entity has this key.", { "filters.entity": `No entity with the key ${key}.` });
    throw error;
  });
}

/** Queues an export of a target's rows with the list page's filters; the file is built in the background. */
export async function createExport(ctx: TenantContext, raw: unknown, queue: (data: ExportJobData) => Promise<void> = enqueue) {
  requireRole(ctx, "viewer");
  const input = createExportSchema.parse(raw);
  if (input.target === "records") await knownEntity(ctx, input.filters.entity as string);
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + env().exportRetentionDays * 86_400_000);
  const job = await withTenant(ctx, async (tx) => {
    const [row] = await tx
      .insert(exportJobs)
      .values({
        id,
        tenantId: ctx.tenant.id,
        target: input.target,
        format: input.format,
        filters: input.filters,
        actor: ctx.actor,
        sandboxOnly: Boolean(ctx.sandboxOnly),
        expiresAt,
      })
      .returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "export.created",
        target: { type: "export", id },
        details: { target: input.target, format: input.format, filters: input.filters },
      },
      tx,
    );
    return row!;
  });
  await queue({ exportId: id, tenantId: ctx.tenant.id });
  return exportView(job);
}

export async function getExport(ctx: TenantContext, id: string) {
  requireRole(ctx, "viewer");
  return exportView(await withTenant(ctx, () => loadExport(ctx, id)));
}

export async function listExports(ctx: TenantContext, limit = 20) {
  requireRole(ctx, "viewer");
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select()
      .from(exportJobs)
      .where(eq(exportJobs.tenantId, ctx.tenant.id))
      .orderBy(desc(exportJobs.createdAt), desc(exportJobs.id))
      .limit(limit),
  );
  return rows.map(exportView);
}

/** Builds the file (the job handler): rows page by page through the list functions, written as chunks, then the metadata. */
export async function runExport(data: ExportJobData): Promise<void> {
  const scope = { tenant: { id: data.tenantId } };
  const job = await withTenant(scope, () => loadExport(scope, data.exportId));
  if (job.status === "completed") return;
  const ctx = await backgroundContext(job.tenantId, job.actor, job.sandboxOnly);
  // A retried build starts over: the chunks of a killed attempt are dropped first.
  await deleteFile(ctx, job.id);
  await withTenant(ctx, (tx) => tx.update(exportJobs).set({ status: "running", processed: 0 }).where(eq(exportJobs.id, job.id)));
  const source = EXPORT_SOURCES[job.target as keyof typeof EXPORT_SOURCES];
  const exportedAt = new Date().toISOString();
  const format = job.format as ExportFormat;
  const fileName = `${job.target}-${exportedAt.slice(0, 19).replace(/[:T]/g, "-")}.${format}`;
  let processed = 0;
  const rows = async function* () {
    for await (const page of source.pages(ctx, job.filters)) {
      yield page;
      processed += page.length;
      await withTenant(ctx, (tx) => tx.update(exportJobs).set({ processed }).where(eq(exportJobs.id, job.id)));
    }
  };
  try {
    const columns = await source.columns(ctx, job.filters);
    const base: ExportMetadata = {
      exported_at: exportedAt,
      exported_by: job.actor.label ?? job.actor.type,
      tenant: ctx.tenant.slug,
      target: job.target,
      filters: job.filters,
      format,
      schema: columns,
      patchbay_version: PATCHBAY_VERSION,
    };
    let stored = { bytes: 0 };
    const result = await writeExport(
      format,
      columns,
      rows(),
      () => base,
      async (bytes) => {
        stored = await storeBuffers(ctx, job.id, bytes);
      },
    );
    const metadata = { ...base, row_count: result.rowCount, sha256: result.sha256, sha256_of: result.sha256Of };
    await withTenant(ctx, async (tx) => {
      await tx
        .update(exportJobs)
        .set({
          status: "completed",
          processed: result.rowCount,
          total: result.rowCount,
          fileName,
          fileBytes: stored.bytes,
          sha256: result.sha256,
          metadata,
          finishedAt: new Date(),
        })
        .where(eq(exportJobs.id, job.id));
      await recordAudit(
        {
          tenantId: ctx.tenant.id,
          actor: ctx.actor,
          action: "export.completed",
          target: { type: "export", id: job.id },
          details: { target: job.target, rows: result.rowCount, sha256: result.sha256 },
        },
        tx,
      );
    });
  } catch (error) {
    await deleteFile(ctx, job.id);
    const message = error instanceof Error && "status" in error ? error.message : "The export could not be built.";
    await withTenant(ctx, (tx) =>
      tx.update(exportJobs).set({ status: "failed", error: message, finishedAt: new Date() }).where(eq(exportJobs.id, job.id)),
    );
    if (!(error instanceof Error && "status" in error)) throw error;
  }
}

export type ExportDownload = { fileName: string; contentType: string; body: AsyncIterable<Uint8Array> | Uint8Array };

/** The finished file, streamed from its chunks; or its metadata as JSON (the CSV sidecar, available for every format). */
export async function downloadExport(ctx: TenantContext, id: string, file: "data" | "metadata" = "data"): Promise<ExportDownload> {
  requireRole(ctx, "viewer");
  const job = await withTenant(ctx, () => loadExport(ctx, id));
  if (job.status !== "completed") throw conflict(`The export is ${job.status}; download it once it is completed.`);
  if (job.expiresAt.getTime() < Date.now()) throw notFound("Export");
  if (file === "metadata")
    return {
      fileName: `${job.fileName!.replace(/\.[^.]+$/, "")}.metadata.json`,
      contentType: "application/json",
      body: new TextEncoder().encode(JSON.stringify(job.metadata, null, 2)),
    };
  return { fileName: job.fileName!, contentType: CONTENT_TYPES[job.format as ExportFormat], body: openFile(ctx, job.id)() };
}

/**
 * Drops exports past their retention with their files, and the files of finished imports as old
 * (the import's row, counts and errors stay; its error report then lists errors without the row's values).
 */
export async function pruneExports(now = new Date()) {
  const before = new Date(now.getTime() - env().exportRetentionDays * 86_400_000);
  return withSystem("export prune", async (sys) => {
    const expired = await sys.delete(exportJobs).where(lt(exportJobs.expiresAt, now)).returning({ id: exportJobs.id });
    for (const { id } of expired) await sys.delete(fileChunks).where(eq(fileChunks.fileId, id));
    await sys.execute(
      sql`delete from file_chunks c using import_jobs i where i.id = c.file_id and i.status in ('completed', 'failed') and i.finished_at < ${before.toISOString()}::timestamptz`,
    );
    return expired.length;
  });
}

export const exportJobHandler = async (jobs: PgBoss.Job<ExportJobData>[]) => {
  for (const job of jobs) await runExport(job.data);
};
