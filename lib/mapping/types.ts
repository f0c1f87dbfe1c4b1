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
