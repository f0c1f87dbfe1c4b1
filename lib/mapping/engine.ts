import { fieldErrorsOf, invalid } from "@/lib/errors";
import { jsonPathValues, isSingularPath, setJsonPath } from "./json-path";
import { compileRegex, MAX_REGEX_INPUT } from "./regex";
import {
  mappingConfigSchema,
  type EntityField,
  type FieldMapping,
  type MappingConfig,
  type MappingConfigInput,
  type ValidationRule,
} from "./schema";
import { coerceToField } from "./coerce";
import { compileTransform, NOT_FROM_SOURCE, type CompiledTransform } from "./transforms";
import { isEmpty, show } from "./values";
import type { CompiledMapping, FieldError, MapResult, RunState } from "./types";

type Check = { rule: ValidationRule["type"]; test(value: unknown, run: RunState | undefined): string | null };

type CompiledField = {
  mapping: FieldMapping;
  entity: EntityField;
  singular: boolean;
  transforms: CompiledTransform[];
  checks: Check[];
  required: boolean;
  unique: boolean;
};

const NUMERIC_TYPES = new Set(["number", "integer"]);
const MEASURABLE_TYPES = new Set(["string", "enum", "json"]);
const MAX_ERROR_TEXT = 1000;

function compileCheck(rule: ValidationRule): Check | null {
  switch (rule.type) {
    case "required":
    case "unique":
    case "type":
      // required and unique are handled around the checks; type is the coercion every value goes through.
      return null;
    case "regex": {
      const regex = compileRegex(rule.pattern, rule.flags);
      return {
        rule: "regex",
        test: (value) => {
          if (typeof value === "object") return `${show(value)} is not text to match.`;
          const text = String(value);
          if (text.length > MAX_REGEX_INPUT) return `Longer than ${MAX_REGEX_INPUT} characters: too long to check against a pattern.`;
          return regex.test(text) ? null : `${show(value)} does not match the pattern ${rule.pattern}.`;
        },
      };
    }
    case "enum":
      return {
        rule: "enum",
        test: (value) =>
          typeof value !== "object" && rule.values.includes(String(value))
            ? null
            : `${show(value)} is not one of: ${rule.values.join(", ")}.`,
      };
    case "min":
      return {
        rule: "min",
        test: (value) => (typeof value === "number" && value < rule.value ? `${show(value)} is below the minimum ${rule.value}.` : null),
      };
    case "max":
      return {
        rule: "max",
        test: (value) => (typeof value === "number" && value > rule.value ? `${show(value)} is above the maximum ${rule.value}.` : null),
      };
    case "length":
      return {
        rule: "length",
        test: (value) => {
          const size = typeof value === "string" ? [...value].length : Array.isArray(value) ? value.length : null;
          if (size === null) return null;
          const unit = typeof value === "string" ? "characters" : "items";
          if (rule.min !== undefined && size < rule.min) return `${size} ${unit}, fewer than the minimum ${rule.min}.`;
          if (rule.max !== undefined && size > rule.max) return `${size} ${unit}, more than the maximum ${rule.max}.`;
          return null;
        },
      };
  }
}

/** Why the config does not fit the entity's fields, keyed by the config path; empty when it fits. */
export function mappingProblems(config: MappingConfig, fields: EntityField[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const mapped = new Set<string>();
  config.fields.forEach((mapping, i) => {
    const at = `fields.${i}`;
    const field = byKey.get(mapping.field);
    if (!field) {
      problems[`${at}.field`] = `The entity has no field ${mapping.field}.`;
      return;
    }
    if (mapped.has(mapping.field)) problems[`${at}.field`] = `${mapping.field} is mapped twice; keep one.`;
    mapped.add(mapping.field);
    const makesValue = mapping.transforms.some((rule) => rule.type === "concat" || rule.type === "template" || rule.type === "default");
    if (!mapping.source && !makesValue)
      problems[`${at}.source`] = "Pick a source path, or make the value with concat, template or default.";
    mapping.validations.forEach((rule, j) => {
      if ((rule.type === "min" || rule.type === "max") && !NUMERIC_TYPES.has(field.type)) {
        problems[`${at}.validations.${j}`] = `${rule.type} applies to number and integer fields; use length for text.`;
      }
      if (rule.type === "length" && !MEASURABLE_TYPES.has(field.type)) {
        problems[`${at}.validations.${j}`] = "length applies to text, enum and json (list) fields.";
      }
    });
    const last = mapping.transforms.at(-1);
    if (field.type === "enum" && last?.type === "value_map") {
      const stray = Object.keys(last.map).filter((target) => !field.enum_values?.includes(target));
      if (stray.length > 0) {
        problems[`${at}.transforms.${mapping.transforms.length - 1}`] =
          `${stray.join(", ")} is not a value of ${field.key} (${(field.enum_values ?? []).join(", ")}).`;
      }
    }
  });
  const missing = fields.filter((field) => field.required && !mapped.has(field.key)).map((field) => field.key);
  if (missing.length > 0) problems.fields = `Map the required field${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`;
  return problems;
}

/** Parses the config; throws `validation_failed` with field messages when it is malformed or does not fit. */
export function parseMapping(config: MappingConfig | MappingConfigInput, fields: EntityField[]): MappingConfig {
  const parsed = mappingConfigSchema.safeParse(config);
  if (!parsed.success) throw invalid("The mapping is not valid.", fieldErrorsOf(parsed.error.issues));
  const problems = mappingProblems(parsed.data, fields);
  const first = Object.values(problems)[0];
  if (first) throw invalid(`The mapping does not fit the entity: ${first}`, problems);
  return parsed.data;
}

function errorValue(value: unknown): unknown {
  return typeof value === "string" && value.length > MAX_ERROR_TEXT ? `${value.slice(0, MAX_ERROR_TEXT)}…` : value;
}

const uniqueKey = (value: unknown) => (typeof value === "string" ? `s${value}` : `j${JSON.stringify(value)}`);

/** Throws a typed validation error (AppError validation_failed, field messages) when the config does not fit the fields. */
export function compileMapping(config: MappingConfig | MappingConfigInput, fields: EntityField[]): CompiledMapping {
  const parsed = parseMapping(config, fields);
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const compiled: CompiledField[] = parsed.fields.map((mapping) => {
    const entity = byKey.get(mapping.field)!;
    return {
      mapping,
      entity,
      singular: mapping.source ? isSingularPath(mapping.source) : true,
      transforms: mapping.transforms.map(compileTransform),
      checks: mapping.validations.map(compileCheck).filter((check): check is Check => check !== null),
      required: Boolean(entity.required) || mapping.validations.some((rule) => rule.type === "required"),
      unique: mapping.validations.some((rule) => rule.type === "unique"),
    };
  });

  function apply(remote: unknown, run?: RunState): MapResult {
    const data: Record<string, unknown> = {};
    const errors: FieldError[] = [];
    const uniques: [string, string][] = [];
    for (const field of compiled) {
      const key = field.entity.key;
      const reject = (value: unknown, rule: string, message: string) =>
        errors.push({ field: key, value: errorValue(value), rule, message });
      let value: unknown;
      if (field.mapping.source) {
        const found = jsonPathValues(remote, field.mapping.source);
        value = field.singular ? found[0] : found;
      }
      let failed = false;
      for (const transform of field.transforms) {
        const result = transform.forward(value, remote);
        if (!result.ok) {
          reject(value, transform.rule.type, result.message);
          failed = true;
          break;
        }
        value = result.value;
      }
      if (failed) continue;
      const coerced = coerceToField(value, field.entity);
      if (!coerced.ok) {
        reject(value, "type", coerced.message);
        continue;
      }
      value = coerced.value;
      if (isEmpty(value) || (Array.isArray(value) && value.length === 0)) {
        if (field.required) {
          reject(
            value ?? null,
            "required",
            field.mapping.source ? `A value is required; nothing was found at ${field.mapping.source}.` : "A value is required.",
          );
          continue;
        }
        data[key] = value ?? null;
        continue;
      }
      let valid = true;
      for (const check of field.checks) {
        const message = check.test(value, run);
        if (message) {
          reject(value, check.rule, message);
          valid = false;
        }
      }
      if (valid && field.unique && run) {
        const seen = run.seen.get(key);
        const id = uniqueKey(value);
        if (seen?.has(id)) {
          reject(value, "unique", `${show(value)} already appeared in this run; ${key} must be unique.`);
          valid = false;
        } else uniques.push([key, id]);
      }
      if (valid) data[key] = value;
    }
    if (errors.length > 0) return { ok: false, data, errors };
    // Only a record that is written claims its unique values: a rejected one must not block a later good one.
    for (const [key, id] of uniques) {
      let seen = run!.seen.get(key);
      if (!seen) run!.seen.set(key, (seen = new Set()));
      seen.add(id);
    }
    return { ok: true, data };
  }

  function reverse(data: Record<string, unknown>): Record<string, unknown> {
    const remote: Record<string, unknown> = {};
    for (const field of compiled) {
      const source = field.mapping.source;
      if (!source || !field.singular || !Object.hasOwn(data, field.entity.key)) continue;
      let value: unknown = data[field.entity.key];
      let fromSource = true;
      for (const transform of [...field.transforms].reverse()) {
        const back = transform.backward(value);
        if (back === NOT_FROM_SOURCE) {
          fromSource = false;
          break;
        }
        value = back;
      }
      if (fromSource) setJsonPath(remote, source, structuredClone(value));
    }
    return remote;
  }

  return { apply, reverse };
}
