import { compileTransform } from "./transforms";
import { jsonPathValues } from "./json-path";
import { CANONICAL_STATUSES, mergeStatusMapping, type CanonicalStatus } from "./statuses";
import type { TransformRule } from "./schema";

/** One distinct value found at a status path and how often it appeared. */
export type StatusValue = { value: string; count: number };
export type MappedStatuses = { counts: Partial<Record<CanonicalStatus, number>>; unmapped: string[] };
type CustomSpellings = Partial<Record<CanonicalStatus, readonly string[]>> | undefined | null;

const MAX_VALUE_CHARS = 200;

/** The status mapping as a rules-engine value map: exact spellings, and a value no rule lists is an error, never a guess. */
export function statusValueMap(custom: CustomSpellings): Extract<TransformRule, { type: "value_map" }> {
  return { type: "value_map", map: mergeStatusMapping(custom), fallback: "error" };
}

/** The distinct scalar values at `path`, in order of first appearance, with their counts (objects and nulls are skipped). */
export function statusValuesAt(data: unknown, path: string, limit = Infinity): StatusValue[] {
  const counts = new Map<string, number>();
  for (const raw of jsonPathValues(data, path)) {
    if (raw === null || raw === undefined || typeof raw === "object") continue;
    const value = String(raw);
    if (!counts.has(value) && counts.size >= limit) continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].map(([value, count]) => ({
    value: value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}…` : value,
    count,
  }));
}

/** Counts per canonical status and the values no spelling maps, through the engine's value map. */
export function mapStatusValues(values: readonly StatusValue[], custom: CustomSpellings): MappedStatuses {
  const rule = compileTransform(statusValueMap(custom));
  const counts: MappedStatuses["counts"] = {};
  const unmapped: string[] = [];
  for (const { value, count } of values) {
    const result = rule.forward(value, undefined);
    if (result.ok && CANONICAL_STATUSES.includes(result.value as CanonicalStatus)) {
      const status = result.value as CanonicalStatus;
      counts[status] = (counts[status] ?? 0) + count;
    } else if (!unmapped.includes(value)) unmapped.push(value);
  }
  return { counts, unmapped };
}
