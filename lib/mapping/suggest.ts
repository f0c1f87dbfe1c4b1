import { jsonPathOf } from "./json-path";
import type { EntityField, FieldMapping, MappingConfig, TransformRule, ValidationRule } from "./schema";
import { CANONICAL_STATUSES, DEFAULT_STATUS_SPELLINGS } from "./statuses";

type Candidate = { path: string; names: string[]; depth: number; order: number; sample: unknown };

const MAX_CANDIDATES = 500;
const MAX_DEPTH = 3;

/** customerRef, Customer_Ref and customer-ref all read as "customerref". */
export function normaliseName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function candidates(record: unknown): Candidate[] {
  const out: Candidate[] = [];
  const walk = (node: unknown, segments: (string | number)[], keys: string[]) => {
    if (out.length >= MAX_CANDIDATES || segments.length >= MAX_DEPTH) return;
    if (Array.isArray(node)) {
      if (node.length > 0 && node[0] !== null && typeof node[0] === "object") walk(node[0], [...segments, 0], keys);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (out.length >= MAX_CANDIDATES) return;
      const path = [...segments, key];
      const names = [normaliseName(key), normaliseName([...keys, key].join("_"))];
      out.push({ path: jsonPathOf(path), names: [...new Set(names)], depth: path.length, order: out.length, sample: value });
      walk(value, path, [...keys, key]);
    }
  };
  walk(record, [], []);
  return out;
}

/** How far a candidate's name is from the field's, or null when too far to suggest. */
function distance(field: EntityField, candidate: Candidate): number | null {
  const targets = [normaliseName(field.key), ...(field.label ? [normaliseName(field.label)] : [])].filter(Boolean);
  let best: number | null = null;
  for (const target of targets) {
    for (const name of candidate.names) {
      if (!name) continue;
      const d = editDistance(target, name);
      const allowed = Math.min(target.length, name.length) < 4 ? 0 : Math.max(1, Math.floor(target.length / 4));
      if (d <= allowed && (best === null || d < best)) best = d;
    }
  }
  return best;
}

const isStatusField = (field: EntityField) =>
  field.type === "enum" &&
  field.enum_values?.length === CANONICAL_STATUSES.length &&
  CANONICAL_STATUSES.every((s) => field.enum_values!.includes(s));

function transformsFor(field: EntityField, sample: unknown): TransformRule[] {
  const rules: TransformRule[] = [];
  if (typeof sample === "string" && sample !== sample.trim()) rules.push({ type: "trim" });
  if (isStatusField(field)) {
    rules.push({
      type: "value_map",
      map: Object.fromEntries(CANONICAL_STATUSES.map((s) => [s, [...DEFAULT_STATUS_SPELLINGS[s]]])),
      fallback: "error",
    });
  }
  return rules;
}

/** A starting mapping: each entity field from the remote key of the same or a similar name (one remote key per field). */
export function suggestMapping(fields: EntityField[], sample: unknown): MappingConfig {
  const record = Array.isArray(sample) ? sample[0] : sample;
  const pool = candidates(record);
  const used = new Set<string>();
  const scored = fields
    .flatMap((field) => pool.map((candidate) => ({ field, candidate, d: distance(field, candidate) })))
    .filter((pair): pair is { field: EntityField; candidate: Candidate; d: number } => pair.d !== null)
    .sort((a, b) => a.d - b.d || a.candidate.depth - b.candidate.depth || a.candidate.order - b.candidate.order);
  const chosen = new Map<string, Candidate>();
  for (const { field, candidate } of scored) {
    if (chosen.has(field.key) || used.has(candidate.path)) continue;
    chosen.set(field.key, candidate);
    used.add(candidate.path);
  }
  const mappings: FieldMapping[] = [];
  for (const field of fields) {
    const candidate = chosen.get(field.key);
    if (!candidate) continue;
    const validations: ValidationRule[] = field.required ? [{ type: "required" }] : [];
    mappings.push({ field: field.key, source: candidate.path, transforms: transformsFor(field, candidate.sample), validations });
  }
  return { fields: mappings };
}
