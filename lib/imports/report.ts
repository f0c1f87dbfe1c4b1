import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { importErrors } from "@/db/schema";
import type { MappingConfig } from "@/lib/mapping";
import { openFile } from "@/lib/files/chunks";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { parseRows, type Cell } from "./parse";
import { columnOfPath } from "./rules";
import { reportPhase } from "./status";
import { loadImport } from "./store";
import { importTarget } from "./targets";
import { parseOptionsOf } from "./upload";
import { csvLine } from "@/lib/exports/csv";

export type ErrorReport = { fileName: string; contentType: string; body: Uint8Array };

const REDACTED = "[redacted]";

/**
 * The failing rows as the file had them, an `errors` column saying what is wrong per column, and
 * (XLSX) each failing cell filled red with its reason as a note. Columns mapped to a credential
 * are blanked: the report never carries a secret, not even a wrong one.
 */
export async function errorReport(ctx: TenantContext, id: string, format: "csv" | "xlsx"): Promise<ErrorReport> {
  requireRole(ctx, "viewer");
  const { job, errors } = await withTenant(ctx, async (tx) => {
    const job = await loadImport(ctx, id, { tx });
    const errors = await tx
      .select()
      .from(importErrors)
      .where(and(eq(importErrors.importId, job.id), eq(importErrors.phase, reportPhase(job))))
      .orderBy(asc(importErrors.row), asc(importErrors.createdAt));
    return { job, errors };
  });
  const target = await importTarget(ctx, job.target);
  const secretColumns = new Set(
    ((job.mapping as MappingConfig | null)?.fields ?? [])
      .filter((f) => target.fields.find((t) => t.key === f.field)?.secret)
      .map((f) => columnOfPath(f.source))
      .filter((c): c is string => Boolean(c)),
  );
  const byRow = new Map<number, { column: string | null; message: string }[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), { column: e.column, message: e.message }]);
  const rows: { row: number; values: Record<string, Cell> }[] = [];
  if (byRow.size)
    for await (const parsed of parseRows(openFile(ctx, job.id), parseOptionsOf(job))) {
      if (!byRow.has(parsed.row)) continue;
      const values = { ...parsed.values };
      for (const c of secretColumns) if (values[c] !== null && values[c] !== undefined) values[c] = REDACTED;
      rows.push({ row: parsed.row, values });
    }
  const header = ["row", ...job.columns, "errors"];
  const describe = (list: { column: string | null; message: string }[]) =>
    list.map((e) => (e.column ? `${e.column}: ${e.message}` : e.message)).join("; ");
  const base = job.fileName.replace(/\.[^.]+$/, "") || "import";
  if (format === "csv") {
    const lines = [
      csvLine(header),
      ...rows.map((r) => csvLine([r.row, ...job.columns.map((c) => r.values[c] ?? null), describe(byRow.get(r.row)!)])),
    ];
    return {
      fileName: `${base}-errors.csv`,
      contentType: "text/csv; charset=utf-8",
      body: new TextEncoder().encode(`\uFEFF${lines.join("")}`),
    };
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Errors");
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) {
    const list = byRow.get(r.row)!;
    const added = sheet.addRow([r.row, ...job.columns.map((c) => r.values[c] ?? null), describe(list)]);
    for (const e of list) {
      const index = e.column ? job.columns.indexOf(e.column) : -1;
      if (index < 0) continue;
      const cell = added.getCell(index + 2);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
      cell.note = e.message;
    }
  }
  const body = new Uint8Array(await workbook.xlsx.writeBuffer());
  return { fileName: `${base}-errors.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body };
}
