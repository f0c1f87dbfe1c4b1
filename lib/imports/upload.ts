import { createHash, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { importJobs, importMappings } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import { deleteFile, openFile, storeFile } from "@/lib/files/chunks";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { detectFormat, parseRows, resolveCsvOptions, type ImportFormat, type ParseOptions } from "./parse";
import { readSample } from "./parse/text";
import { isNotesRow } from "./rules";
import { uploadOptionsSchema } from "./schema";
import { layoutKey, suggestColumns, type ColumnMap } from "./suggest";
import { importTarget } from "./targets";

export type UploadResult = {
  id: string;
  target: string;
  format: ImportFormat;
  file_name: string;
  columns: string[];
  rows_estimate: number;
  suggested_mapping: ColumnMap;
  mapping_source: "remembered" | "suggested";
};

export function layoutHash(columns: string[]): string {
  return createHash("sha256").update(layoutKey(columns)).digest("hex");
}

/** How the stored file is parsed on every pass, from the job's row. */
export function parseOptionsOf(job: { format: string; parseOptions: Record<string, string> }): ParseOptions {
  const o = job.parseOptions;
  return {
    format: job.format as ImportFormat,
    ...(o.delimiter ? { delimiter: o.delimiter } : {}),
    ...(o.encoding ? { encoding: o.encoding as ParseOptions["encoding"] } : {}),
    ...(o.record_element ? { recordElement: o.record_element } : {}),
    ...(o.sheet ? { sheet: o.sheet } : {}),
  };
}

/**
 * Stores an uploaded file (encrypted chunks in the database, so any worker can read it), reads it
 * through once to find its columns, count its rows and refuse what is not a readable file, and
 * suggests the mapping: the one remembered for this layout and target, else by header names.
 * A file that fails any of this leaves nothing behind.
 */
export async function uploadImport(
  ctx: TenantContext,
  input: { fileName: string; source: AsyncIterable<Uint8Array>; options: () => Promise<unknown> | unknown },
): Promise<UploadResult> {
  requireRole(ctx, "admin");
  const id = randomUUID();
  const stored = await storeFile(ctx, id, input.source, env().importMaxBytes);
  try {
    const options = uploadOptionsSchema.parse(await input.options());
    const target = await importTarget(ctx, options.target);
    const open = openFile(ctx, id);
    const format = options.format ?? detectFormat(await readSample(open(), 4096), input.fileName);
    const parseOptions: Record<string, string> = {};
    if (format === "csv") Object.assign(parseOptions, await resolveCsvOptions(open, options));
    if (options.record_element) parseOptions.record_element = options.record_element;
    if (options.sheet) parseOptions.sheet = options.sheet;
    const columns = new Set<string>();
    let rows = 0;
    for await (const row of parseRows(open, parseOptionsOf({ format, parseOptions }))) {
      if (isNotesRow(row.values)) continue;
      rows++;
      for (const key of Object.keys(row.values)) columns.add(key);
    }
    const columnList = [...columns];
    const layout = layoutHash(columnList);
    return await withTenant(ctx, async (tx) => {
      const [remembered] = await tx
        .select()
        .from(importMappings)
        .where(and(eq(importMappings.tenantId, ctx.tenant.id), eq(importMappings.target, target.key), eq(importMappings.layout, layout)));
      const rememberedMap = remembered?.mapping as ColumnMap | undefined;
      const suggested = rememberedMap && Object.values(rememberedMap).every((c) => c === null || columns.has(c)) ? rememberedMap : null;
      await tx.insert(importJobs).values({
        id,
        tenantId: ctx.tenant.id,
        target: target.key,
        format,
        fileName: input.fileName.slice(0, 255),
        fileBytes: stored.bytes,
        fileSha256: stored.sha256,
        parseOptions,
        columns: columnList,
        rowsTotal: rows,
        actor: ctx.actor,
        sandboxOnly: Boolean(ctx.sandboxOnly),
      });
      await recordAudit(
        {
          tenantId: ctx.tenant.id,
          actor: ctx.actor,
          action: "import.uploaded",
          target: { type: "import", id },
          details: { target: target.key, format, file_name: input.fileName, bytes: stored.bytes, rows },
        },
        tx,
      );
      return {
        id,
        target: target.key,
        format,
        file_name: input.fileName,
        columns: columnList,
        rows_estimate: rows,
        suggested_mapping: suggested ?? suggestColumns(target.fields, columnList),
        mapping_source: suggested ? "remembered" : "suggested",
      } satisfies UploadResult;
    });
  } catch (error) {
    await deleteFile(ctx, id);
    throw error;
  }
}
