import { jsonPathValues } from "./json-path";
import { templatePaths, type TransformRule } from "./schema";
import {
  fail,
  isEmpty,
  ok,
  readBoolean,
  readDate,
  readDatetime,
  readInteger,
  readNumber,
  show,
  writeDate,
  writeDatetime,
  type Outcome,
} from "./values";

/** A transformation compiled once per mapping: forward for inbound records, backward for pushes. */
export type CompiledTransform = {
  rule: TransformRule;
  forward(value: unknown, remote: unknown): Outcome;
  /** The pushed value, or `NOT_FROM_SOURCE` when the value was made from other paths and cannot be written back. */
  backward(value: unknown): unknown;
};

export const NOT_FROM_SOURCE = Symbol("not from source");

/** Scalar rules apply to each element when a wildcard path yields a list. */
function eachValue(apply: (value: unknown) => Outcome): (value: unknown) => Outcome {
  return (value) => {
    if (!Array.isArray(value)) return apply(value);
    const out: unknown[] = [];
    for (const item of value) {
      const result = apply(item);
      if (!result.ok) return result;
      out.push(result.value);
    }
    return ok(out);
  };
}

const eachBack = (apply: (value: unknown) => unknown) => (value: unknown) => (Array.isArray(value) ? value.map(apply) : apply(value));

const onText = (change: (text: string) => string) => eachValue((value) => ok(typeof value === "string" ? change(value) : value));

const skipEmpty = (read: (value: unknown) => Outcome) => (value: unknown) => (isEmpty(value) ? ok(null) : read(value));

/** Cleans float noise such as 19.99 × 100 = 1998.9999999999998. */
const clean = (n: number) => Number(n.toPrecision(15));

function roundTo(n: number, digits: number): number {
  const shifted = Math.round(Number(`${n}e${digits}`));
  const result = Number(`${shifted}e-${digits}`);
  return Number.isFinite(result) ? result : clean(n);
}

function firstText(remote: unknown, path: string): string {
  const [value] = jsonPathValues(remote, path);
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

const same = (value: unknown) => value;

export function compileTransform(rule: TransformRule): CompiledTransform {
  switch (rule.type) {
    case "trim":
      return { rule, forward: onText((text) => text.trim()), backward: same };
    case "lower":
      return { rule, forward: onText((text) => text.toLowerCase()), backward: same };
    case "upper":
      return { rule, forward: onText((text) => text.toUpperCase()), backward: same };
    case "number":
      return { rule, forward: eachValue(skipEmpty((value) => readNumber(value, rule.decimal))), backward: same };
    case "integer":
      return { rule, forward: eachValue(skipEmpty(readInteger)), backward: same };
    case "boolean":
      return { rule, forward: eachValue(skipEmpty(readBoolean)), backward: same };
    case "date":
      return { rule, forward: eachValue((value) => readDate(value, rule)), backward: eachBack((value) => writeDate(value, rule)) };
    case "datetime":
      return { rule, forward: eachValue((value) => readDatetime(value, rule)), backward: eachBack((value) => writeDatetime(value, rule)) };
    case "default":
      return { rule, forward: (value) => ok(isEmpty(value) ? structuredClone(rule.value) : value), backward: same };
    case "value_map":
      return compileValueMap(rule);
    case "concat": {
      const separator = rule.separator ?? "";
      return {
        rule,
        forward: (_value, remote) =>
          ok(
            rule.sources
              .flatMap((path) => jsonPathValues(remote, path))
              .filter((part) => !isEmpty(part))
              .map((part) => (typeof part === "object" ? JSON.stringify(part) : String(part)))
              .join(separator),
          ),
        backward: () => NOT_FROM_SOURCE,
      };
    }
    case "split":
      return {
        rule,
        forward: (value) => {
          if (isEmpty(value)) return ok(value ?? null);
          if (typeof value !== "string") return fail(`${show(value)} is not text to split.`);
          const parts = value.split(rule.separator);
          return ok(rule.index === undefined ? parts : (parts[rule.index] ?? null));
        },
        // A split list joins back; one picked part cannot restore the others.
        backward: (value) => (rule.index === undefined && Array.isArray(value) ? value.join(rule.separator) : value),
      };
    case "template": {
      const pieces = rule.template.split(/\{\{\s*[^{}]*?\s*\}\}/);
      const paths = templatePaths(rule.template);
      return {
        rule,
        forward: (_value, remote) => ok(pieces.map((piece, i) => piece + (i < paths.length ? firstText(remote, paths[i]!) : "")).join("")),
        backward: () => NOT_FROM_SOURCE,
      };
    }
    case "round": {
      const digits = rule.digits ?? 0;
      return {
        rule,
        forward: eachValue(
          skipEmpty((value) => {
            const number = readNumber(value);
            return number.ok ? ok(roundTo(number.value as number, digits)) : number;
          }),
        ),
        backward: same,
      };
    }
    case "multiply":
      return {
        rule,
        forward: eachValue(
          skipEmpty((value) => {
            const number = readNumber(value);
            return number.ok ? ok(clean((number.value as number) * rule.by)) : number;
          }),
        ),
        backward: eachBack((value) => (typeof value === "number" ? clean(value / rule.by) : value)),
      };
  }
}

function compileValueMap(rule: Extract<TransformRule, { type: "value_map" }>): CompiledTransform {
  const fold = (text: string) => (rule.case_insensitive ? text.toLowerCase() : text);
  const lookup = new Map<string, string>();
  for (const [target, spellings] of Object.entries(rule.map)) {
    for (const spelling of spellings) if (!lookup.has(fold(spelling))) lookup.set(fold(spelling), target);
  }
  const fallback = rule.fallback ?? "keep";
  const forward = eachValue((value) => {
    if (isEmpty(value)) return ok(value ?? null);
    if (typeof value === "object") return fail(`${show(value)} is not a value to map.`);
    const target = lookup.get(fold(String(value)));
    if (target !== undefined) return ok(target);
    if (fallback === "null") return ok(null);
    if (fallback === "error") return fail(`${show(value)} is not mapped to any value.`);
    return ok(value);
  });
  const backward = eachBack((value) => {
    if (typeof value !== "string" || !Object.hasOwn(rule.map, value)) return value;
    return rule.map[value]?.[0] ?? value;
  });
  return { rule, forward, backward };
}
