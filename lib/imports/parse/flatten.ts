import { MAX_COLUMNS, tooManyColumns, type Cell } from "./types";

/** A nested record as columns: objects by dotted path, arrays of scalars joined, other arrays as JSON text. */
export function flattenRecord(value: Record<string, unknown>): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  let count = 0;
  const put = (key: string, v: Cell) => {
    if (++count > MAX_COLUMNS) throw tooManyColumns(count);
    out[key] = v;
  };
  const walk = (prefix: string, v: unknown) => {
    if (v === null || v === undefined) return put(prefix, null);
    if (Array.isArray(v)) {
      const scalars = v.every((x) => x === null || ["string", "number", "boolean"].includes(typeof x));
      return put(prefix, scalars ? v.join(", ") : JSON.stringify(v));
    }
    if (typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) walk(prefix ? `${prefix}.${k}` : k, inner);
      return;
    }
    put(prefix, typeof v === "string" && v === "" ? null : (v as Cell));
  };
  walk("", value);
  return out;
}
