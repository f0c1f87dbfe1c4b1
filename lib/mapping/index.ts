/**
 * The rules engine shared by sync, imports and the status mapping. Isomorphic: no server-only,
 * database or node: imports, so the mapping editor runs it in the browser for the live preview.
 */
import type { EntityField, MappingConfig, MappingConfigInput } from "./schema";

export * from "./schema";
export { CANONICAL_STATUSES, DEFAULT_STATUS_SPELLINGS, mergeStatusMapping, type CanonicalStatus, type StatusSpellings } from "./statuses";
export { jsonPathValues, isJsonPath, jsonPathOf, isSingularPath } from "./json-path";
export { MAX_REGEX_INPUT, MAX_REGEX_PATTERN } from "./regex";

/** Why one field of one record was rejected (Airbyte's per-record `changes`, per field). */
export type FieldError = { field: string; value: unknown; rule: string; message: string };

export type MapResult = { ok: true; data: Record<string, unknown> } | { ok: false; data: Record<string, unknown>; errors: FieldError[] };

/** Remembers values for `unique` across one run or import; a rejected record's values are not remembered. */
export interface RunState {
  readonly seen: Map<string, Set<string>>;
}

export function createRunState(): RunState {
  return { seen: new Map() };
}

export interface CompiledMapping {
  /** Remote record → entity data; type coercion by the entity field's type is part of it. */
  apply(remote: unknown, run?: RunState): MapResult;
  /** Entity data → remote object for outbound pushes: writes each field back at its `source`
   *  path; inverts what can be inverted (value_map, multiply, date/datetime formats), copies the rest. */
  reverse(data: Record<string, unknown>): Record<string, unknown>;
}

/** Throws a typed validation error (AppError validation_failed, field messages) when the config does not fit the fields. */
export function compileMapping(config: MappingConfig | MappingConfigInput, fields: EntityField[]): CompiledMapping {
  void config;
  void fields;
  throw new Error("compileMapping: the implementation lands in the next mapping commit");
}

/** A starting mapping: each entity field from the remote key of the same or a similar name. */
export function suggestMapping(fields: EntityField[], sample: unknown): MappingConfig {
  void fields;
  void sample;
  throw new Error("suggestMapping: the implementation lands in the next mapping commit");
}
