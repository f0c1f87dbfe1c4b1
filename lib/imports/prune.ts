import { and, inArray, lt, sql } from "drizzle-orm";
import { fileChunks, importJobs } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { withSystem } from "@/lib/tenancy/data";

const NOT_EXECUTED = ["uploaded", "validating", "validated"] as const;

/**
 * Uploaded files nobody went on to import are not kept forever: an import left at upload or dry
 * run past the retention loses its file and is marked failed, saying why (it cannot run without
 * it). Chunks that no import or export owns (an upload cut off before its import row was written)
 * go once they are as old.
 */
export async function pruneAbandonedUploads(now = new Date()): Promise<{ abandoned: number; orphanChunks: number }> {
  const days = env().importUploadRetentionDays;
  const before = new Date(now.getTime() - days * 86_400_000);
  return withSystem("import prune", async (sys) => {
    const abandoned = await sys.transaction(async (tx) => {
      const rows = await tx
        .update(importJobs)
        .set({
          status: "failed",
          error: `Not imported within ${days} days of the upload, so its file was deleted. Upload the file again to import it.`,
          finishedAt: now,
        })
        .where(and(inArray(importJobs.status, NOT_EXECUTED), lt(importJobs.updatedAt, before)))
        .returning({ id: importJobs.id, tenantId: importJobs.tenantId, fileName: importJobs.fileName });
      if (rows.length === 0) return rows;
      await tx.delete(fileChunks).where(
        inArray(
          fileChunks.fileId,
          rows.map((r) => r.id),
        ),
      );
      for (const row of rows)
        await recordAudit(
          {
            tenantId: row.tenantId,
            actor: { type: "system", label: "import retention" },
            action: "import.abandoned",
            target: { type: "import", id: row.id },
            details: { file_name: row.fileName, retention_days: days },
          },
          tx,
        );
      return rows;
    });
    const orphans = await sys
      .delete(fileChunks)
      .where(
        and(
          lt(fileChunks.createdAt, before),
          sql`not exists (select 1 from import_jobs i where i.id = ${fileChunks.fileId})`,
          sql`not exists (select 1 from export_jobs e where e.id = ${fileChunks.fileId})`,
        ),
      )
      .returning({ id: fileChunks.id });
    return { abandoned: abandoned.length, orphanChunks: orphans.length };
  });
}
