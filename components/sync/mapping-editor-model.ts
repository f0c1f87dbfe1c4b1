/**
 * The mapping editor's state changes, kept apart from the React component so they can be tested
 * without a browser: every function returns a new MappingConfig and never mutates its input.
 */
import { jsonPathOf } from "@/lib/mapping/json-path";
import type { FieldMapping, MappingConfig, TransformRule, TransformType, ValidationRule, ValidationType } from "@/lib/mapping/schema";

export type RuleList = "transforms" | "validations";
type RuleOf<L extends RuleList> = L extends "transforms" ? TransformRule : ValidationRule;

export function mappingFor(config: MappingConfig, field: string): FieldMapping | undefined {
  return config.fields.find((mapping) => mapping.field === field);
}

/** Changes one field's mapping, creating it (with no source and no rules) when the field has none yet. */
export function updateMapping(config: MappingConfig, field: string, change: (mapping: FieldMapping) => FieldMapping): MappingConfig {
  const existing = mappingFor(config, field);
  if (!existing) return { ...config, fields: [...config.fields, change({ field, transforms: [], validations: [] })] };
  return { ...config, fields: config.fields.map((mapping) => (mapping.field === field ? change(mapping) : mapping)) };
}

export function removeMapping(config: MappingConfig, field: string): MappingConfig {
  return { ...config, fields: config.fields.filter((mapping) => mapping.field !== field) };
}

/** The JSONPath of a place in the sample record, as picked from the tree; the sample's own array index becomes part of the path. */
export function pickedPath(segments: readonly (string | number)[]): string {
  return jsonPathOf(segments);
}

export function setSource(config: MappingConfig, field: string, source: string): MappingConfig {
  const trimmed = source.trim();
  return updateMapping(config, field, (mapping) => {
    const next: FieldMapping = { field: mapping.field, transforms: mapping.transforms, validations: mapping.validations };
    if (trimmed) next.source = trimmed;
    return next;
  });
}

export function addRule<L extends RuleList>(config: MappingConfig, field: string, list: L, rule: RuleOf<L>): MappingConfig {
  return updateMapping(config, field, (mapping) => ({ ...mapping, [list]: [...mapping[list], rule] }));
}

export function replaceRule<L extends RuleList>(
  config: MappingConfig,
  field: string,
  list: L,
  index: number,
  rule: RuleOf<L>,
): MappingConfig {
  return updateMapping(config, field, (mapping) => ({ ...mapping, [list]: mapping[list].map((old, i) => (i === index ? rule : old)) }));
}

export function removeRule(config: MappingConfig, field: string, list: RuleList, index: number): MappingConfig {
  return updateMapping(config, field, (mapping) => ({ ...mapping, [list]: mapping[list].filter((_, i) => i !== index) }));
}

/** Moves a rule up (-1) or down (+1); a move past either end changes nothing. */
export function moveRule(config: MappingConfig, field: string, list: RuleList, index: number, delta: -1 | 1): MappingConfig {
  return updateMapping(config, field, (mapping) => {
    const rules = [...mapping[list]];
    const target = index + delta;
    if (index < 0 || index >= rules.length || target < 0 || target >= rules.length) return mapping;
    [rules[index], rules[target]] = [rules[target]!, rules[index]!];
    return { ...mapping, [list]: rules };
  });
}

/** A new rule of a type, with inputs that make sense to start from. */
export function newTransform(type: TransformType): TransformRule {
  switch (type) {
    case "date":
    case "datetime":
      return { type };
    case "default":
      return { type, value: "" };
    case "value_map":
      return { type, map: {}, fallback: "keep" };
    case "concat":
      return { type, sources: ["$."], separator: " " };
    case "split":
      return { type, separator: "," };
    case "template":
      return { type, template: "{{$.}}" };
    case "round":
      return { type, digits: 0 };
    case "multiply":
      return { type, by: 1 };
    default:
      return { type };
  }
}

export function newValidation(type: ValidationType): ValidationRule {
  switch (type) {
    case "regex":
      return { type, pattern: "" };
    case "enum":
      return { type, values: [] };
    case "min":
    case "max":
      return { type, value: 0 };
    case "length":
      return { type, max: 255 };
    default:
      return { type };
  }
}

/** A value map as editable lines: `target: spelling, spelling`. */
export function valueMapToText(map: Record<string, string[]>): string {
  return Object.entries(map)
    .map(([target, spellings]) => `${target}: ${spellings.join(", ")}`)
    .join("\n");
}

/** Reads the lines back; a line without a colon is a target with no spellings yet. */
export function textToValueMap(text: string): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  for (const line of text.split("\n")) {
    const colon = line.indexOf(":");
    const target = (colon < 0 ? line : line.slice(0, colon)).trim();
    if (!target) continue;
    const spellings = colon < 0 ? [] : splitList(line.slice(colon + 1));
    map[target] = [...(map[target] ?? []), ...spellings];
  }
  return map;
}

/** Comma- or newline-separated values, trimmed, empties dropped. */
export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}

/** A default value as typed: JSON when it reads as JSON (42, true, null, {"a":1}), else the text itself. */
export function parseDefaultValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^(?:-?\d|true$|false$|null$|[[{"])/.test(trimmed)) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return text;
    }
  }
  return text;
}

export function formatDefaultValue(value: unknown): string {
  if (typeof value === "string") {
    // A string that would read back as JSON (e.g. "42") is shown quoted so it stays a string.
    return parseDefaultValue(value) === value ? value : JSON.stringify(value);
  }
  return JSON.stringify(value) ?? "";
}

/** The config messages that belong to one field mapping (keys like fields.2.transforms.0.by), with the rest of the key. */
export function messagesFor(problems: Record<string, string>, index: number): { at: string; message: string }[] {
  const prefix = `fields.${index}`;
  return Object.entries(problems)
    .filter(([key]) => key === prefix || key.startsWith(`${prefix}.`))
    .map(([key, message]) => ({ at: key.slice(prefix.length + 1), message }));
}

/** A nested number input's value: an empty box is "not set" for optional settings, NaN (refused by the schema) for required ones. */
export function numberFromInput(text: string, optional: boolean): number | undefined {
  if (text.trim() === "") return optional ? undefined : Number.NaN;
  return Number(text);
}
