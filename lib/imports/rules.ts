import { compileMapping, createRunState, jsonPathOf, type FieldMapping, type MappingConfig, type RunState } from "@/lib/mapping";
import { parseJsonPath } from "@/lib/mapping/json-path";
import type { Cell } from "./parse";
import type { ColumnMap } from "./suggest";
import type { RowError, TargetField } from "./targets/types";

/** A column as a JSONPath into one parsed row (its values keyed by column name). */
export function columnPath(column: string): string {
  return jsonPathOf([column]);
}

/** The column a one-key path reads; null for a path into anything deeper (or none). */
export function columnOfPath(path: string | undefined): string | null {
  const steps = path ? parseJsonPath(path) : null;
  return steps?.length === 1 && steps[0]!.kind === "key" ? steps[0]!.key : null;
}

/**
 * A column choice per field as a rules-engine mapping: trimmed text, then the checks the field
 * itself asks for (required, allowed values); the engine coerces to the field's type.
 */
export function mappingFromColumns(fields: TargetField[], columns: ColumnMap): MappingConfig {
  const mapped: FieldMapping[] = [];
  for (const field of fields) {
    const column = columns[field.key];
    if (!column && !field.required) continue;
    mapped.push({
      field: field.key,
      ...(column ? { source: columnPath(column) } : {}),
      transforms: field.type === "string" || field.type === "enum" ? [{ type: "trim" }] : [],
      validations: [
        ...(field.required ? [{ type: "required" as const }] : []),
        ...(field.enum_values ? [{ type: "enum" as const, values: field.enum_values }] : []),
      ],
    } as FieldMapping);
  }
  return { fields: mapped };
}

export type RowMapper = {
  /** Parsed row → target data, or the errors per column with the value (a secret's redacted) and the reason. */
  map(values: Record<string, Cell>): { ok: true; data: Record<string, unknown> } | { ok: false; errors: RowError[] };
};

export function compileRows(config: MappingConfig, fields: TargetField[]): RowMapper {
  const compiled = compileMapping(config, fields);
  const run: RunState = createRunState();
  const columnOf = new Map(config.fields.map((f) => [f.field, columnOfPath(f.source)]));
  const secret = new Set(fields.filter((f) => f.secret).map((f) => f.key));
  return {
    map(values) {
      const result = compiled.apply(values, run);
      if (result.ok) return { ok: true, data: result.data };
      return {
        ok: false,
        errors: result.errors.map((e) => ({
          column: columnOf.get(e.field) ?? e.field,
          value: secret.has(e.field) ? "[redacted]" : e.value === null || e.value === undefined ? null : String(e.value),
          message: e.message,
        })),
      };
    },
  };
}

/** A template's notes row (its first value starts with "# "): skipped, so a filled-in template imports as it is. */
export function isNotesRow(values: Record<string, Cell>): boolean {
  const first = Object.values(values).find((v) => v !== null);
  return typeof first === "string" && first.startsWith("# ");
}
