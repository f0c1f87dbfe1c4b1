import {
  compileMapping,
  createRunState,
  type EntityField,
  type FieldError,
  type RunState,
  type TransformRule,
  type ValidationRule,
} from "./index";

/** Maps one remote record's `$.v` into a field `f` of the given type through the given rules. */
export function mapOne(
  value: unknown,
  transforms: TransformRule[] = [],
  options: { type?: EntityField["type"]; enum_values?: string[]; required?: boolean; validations?: ValidationRule[]; run?: RunState } = {},
): { ok: true; value: unknown } | { ok: false; errors: FieldError[] } {
  const field: EntityField = { key: "f", type: options.type ?? "json", enum_values: options.enum_values, required: options.required };
  const mapping = compileMapping({ fields: [{ field: "f", source: "$.v", transforms, validations: options.validations ?? [] }] }, [field]);
  const result = mapping.apply({ v: value }, options.run ?? createRunState());
  return result.ok ? { ok: true, value: result.data.f } : { ok: false, errors: result.errors };
}
