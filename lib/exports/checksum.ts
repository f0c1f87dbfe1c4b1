// Kept free of server imports: anyone verifying an export can follow the same steps.
import type { ColumnType, ExportColumn } from "./sources";

/**
 * A value as the checksum sees it, whatever format carried it: empty and missing are null,
 * integer and number columns numbers, booleans booleans, JSON its JSON text, everything else text. A file read
 * back (XML gives only text, XLSX JSON as text) yields the same canonical row as was written.
 */
export function canonicalValue(type: ColumnType, value: unknown): string | number | boolean | null {
  if (value === null || value === undefined || value === "") return null;
  if (type === "integer" || type === "number") return typeof value === "number" ? value : Number(value);
  if (type === "boolean") return typeof value === "boolean" ? value : value === "true";
  if (type === "json") return typeof value === "string" ? value : JSON.stringify(value);
  return value instanceof Date ? value.toISOString() : String(value);
}

/** One row's line of the checksummed text: its canonical values in schema order, as a JSON array, and a newline. */
export function canonicalLine(columns: ExportColumn[], row: Record<string, unknown>): string {
  return `${JSON.stringify(columns.map((c) => canonicalValue(c.type, row[c.name])))}\n`;
}
