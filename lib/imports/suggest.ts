// Kept free of server imports: the mapping step in the browser re-suggests as the admin edits.

/** A header or field name reduced to what matters for matching: lower case letters and digits. */
export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

export type ColumnMap = Record<string, string | null>;

type Named = { key: string; label?: string };

/**
 * Each field ← the column whose normalised name equals the field's key or label, else the
 * closest one within an edit distance of a third of its length; each column is used once.
 */
export function suggestColumns(fields: Named[], columns: string[]): ColumnMap {
  const normalised = columns.map((c) => ({ column: c, name: normaliseName(c) }));
  const used = new Set<string>();
  const result: ColumnMap = {};
  const names = (f: Named) => [f.key, f.label].filter((n): n is string => Boolean(n)).map(normaliseName);
  for (const field of fields) {
    const exact = normalised.find((c) => !used.has(c.column) && names(field).includes(c.name));
    if (exact) {
      used.add(exact.column);
      result[field.key] = exact.column;
    }
  }
  for (const field of fields) {
    if (result[field.key]) continue;
    let best: { column: string; distance: number } | null = null;
    for (const c of normalised) {
      if (used.has(c.column) || !c.name) continue;
      for (const name of names(field)) {
        const distance = editDistance(name, c.name);
        const allowed = Math.floor(Math.max(name.length, c.name.length) / 3);
        if (distance <= allowed && (!best || distance < best.distance)) best = { column: c.column, distance };
      }
    }
    result[field.key] = best?.column ?? null;
    if (best) used.add(best.column);
  }
  return result;
}

/** The same layout, however its columns are ordered or spelled in case: what a remembered mapping is found by. */
export function layoutKey(columns: string[]): string {
  return [...new Set(columns.map(normaliseName))].sort().join("|");
}
