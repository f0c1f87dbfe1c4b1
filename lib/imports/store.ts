import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { importErrors, importJobs, type ImportCounts } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { isUuid, tenantDb, type TenantScope } from "@/lib/tenancy/data";
import type { RowError } from "./targets/types";

export type ImportJob = typeof importJobs.$inferSelect;

export const NO_COUNTS: ImportCounts = { processed: 0, created: 0, updated: 0, unchanged: 0, conflict: 0, failed: 0 };

/** An import of the scope's tenant; another tenant's id and a malformed one answer the same 404. */
export async function loadImport(scope: TenantScope, id: string, options: { lock?: boolean; tx?: Db } = {}): Promise<ImportJob> {
  if (!isUuid(id)) throw notFound("Import");
  const query = (options.tx ?? tenantDb(scope))
    .select()
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.tenantId, scope.tenant.id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row) throw notFound("Import");
  return row;
}

/** At most this many errors are kept per phase: beyond it the report says how many more there were. */
export const MAX_STORED_ERRORS = 100_000;

export async function insertErrors(
  tx: Db,
  scope: TenantScope,
  importId: string,
  phase: "validate" | "execute",
  rows: { row: number; errors: RowError[] }[],
) {
  const values = rows.flatMap((r) =>
    r.errors.map((e) => ({
      tenantId: scope.tenant.id,
      importId,
      phase,
      row: r.row,
      column: e.column,
      value: e.value === null ? null : e.value.slice(0, 1000),
      message: e.message.slice(0, 1000),
    })),
  );
  for (let i = 0; i < values.length; i += 1000) await tx.insert(importErrors).values(values.slice(i, i + 1000));
}
