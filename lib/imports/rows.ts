import type { MappingConfig } from "@/lib/mapping";
import { openFile } from "@/lib/files/chunks";
import type { TenantContext } from "@/lib/tenancy/context";
import { parseRows } from "./parse";
import { columnOfPath, compileRows, isNotesRow } from "./rules";
import type { ImportTarget, RowError } from "./targets/types";
import { parseOptionsOf } from "./upload";

export type CheckedRow =
  | { kind: "ok"; row: number; data: Record<string, unknown> }
  | { kind: "error"; row: number; errors: RowError[] }
  | { kind: "conflict"; row: number; errors: RowError[] };

export type ImportJobRow = {
  id: string;
  format: string;
  parseOptions: Record<string, string>;
  mapping: Record<string, unknown> | null;
};

/**
 * Every row of a stored import, mapped and checked: the rules engine's errors, then the target's
 * own, then the file's duplicates of a key (the second and later rows with a key conflict).
 */
export async function* checkedRows(ctx: TenantContext, job: ImportJobRow, target: ImportTarget): AsyncGenerator<CheckedRow> {
  const config = job.mapping as MappingConfig;
  const mapper = compileRows(config, target.fields);
  const columnOf = new Map(config.fields.map((f) => [f.field, columnOfPath(f.source) ?? f.field]));
  const keyColumn = columnOf.get(target.keyField) ?? target.keyField;
  const seen = new Map<string, number>();
  for await (const parsed of parseRows(openFile(ctx, job.id), parseOptionsOf(job))) {
    if (isNotesRow(parsed.values)) continue;
    const mapped = mapper.map(parsed.values);
    if (!mapped.ok) {
      yield { kind: "error", row: parsed.row, errors: mapped.errors };
      continue;
    }
    const problems = target.check(mapped.data).map((e) => ({ ...e, column: e.column ? (columnOf.get(e.column) ?? e.column) : null }));
    if (problems.length) {
      yield { kind: "error", row: parsed.row, errors: problems };
      continue;
    }
    const key = String(mapped.data[target.keyField]);
    const first = seen.get(key);
    if (first !== undefined) {
      yield {
        kind: "conflict",
        row: parsed.row,
        errors: [{ column: keyColumn, value: key, message: `Row ${first} has the same ${keyColumn}; a key may appear once per file.` }],
      };
      continue;
    }
    seen.set(key, parsed.row);
    yield { kind: "ok", row: parsed.row, data: mapped.data };
  }
}

/** Groups an async sequence into arrays of `size`. */
export async function* batches<T>(source: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
