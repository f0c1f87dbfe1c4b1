import { z } from "zod";
import { isJsonPath } from "./json-path";
import { regexProblem } from "./regex";
import { isDateFormat, isTimeZone } from "./time";

// Isomorphic: the mapping editor validates and previews with these same schemas in the browser.

export const FIELD_TYPES = ["string", "number", "integer", "boolean", "date", "datetime", "enum", "json"] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const MAX_TEXT = 1000;

const text = (max = MAX_TEXT) => z.string().max(max, `At most ${max} characters.`);

export const jsonPathSchema = z
  .string()
  .trim()
  .min(1, "Enter a JSON path such as $.status.")
  .max(300, "At most 300 characters.")
  .refine(isJsonPath, "A JSON path like $.lines[0].amount: start with $, then .key, ['key'], [n], [*] or ..key.");

export const timeZoneSchema = z.string().trim().max(100).refine(isTimeZone, "An IANA time zone such as Europe/Berlin or America/New_York.");

export const fieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, "A key of lower-case letters, digits and _, starting with a letter (at most 63).");

/** One field of an entity; the sync engine stores a list of these as the entity's `fields`. */
export const entityFieldSchema = z
  .object({
    key: fieldKeySchema,
    label: text(200).optional(),
    type: z.enum(FIELD_TYPES, { error: `Choose a type: ${FIELD_TYPES.join(", ")}.` }),
    required: z.boolean().optional(),
    enum_values: z.array(text(200).min(1, "A value cannot be empty.")).max(500, "At most 500 values.").optional(),
    description: text().optional(),
  })
  .refine((field) => field.type !== "enum" || (field.enum_values?.length ?? 0) > 0, {
    path: ["enum_values"],
    message: "An enum field needs at least one value.",
  });
export type EntityField = z.infer<typeof entityFieldSchema>;

/** Date format tokens (yyyy, yy, MM, M, MMM, dd, d, HH, H, hh, h, mm, ss, SSS, a, XXX, 'text'); `unix` / `unix_ms` for epoch numbers. */
const dateFormatSchema = text(100)
  .min(1, "Enter a format such as dd/MM/yyyy, or leave it out for ISO 8601.")
  .refine(
    isDateFormat,
    "Use the tokens yyyy, yy, MMM, MM, M, dd, d, HH, H, hh, h, mm, ss, SSS, a, XXX; quote other letters ('T'); or unix / unix_ms.",
  );

const dateOptions = { format: dateFormatSchema.optional(), time_zone: timeZoneSchema.optional() };

export const TRANSFORM_TYPES = [
  "trim",
  "lower",
  "upper",
  "number",
  "integer",
  "boolean",
  "date",
  "datetime",
  "default",
  "value_map",
  "concat",
  "split",
  "template",
  "round",
  "multiply",
] as const;
export type TransformType = (typeof TRANSFORM_TYPES)[number];

export const transformRuleSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("trim") }),
    z.object({ type: z.literal("lower") }),
    z.object({ type: z.literal("upper") }),
    /** `decimal: ","` reads 1.234,50 as 1234.5; the other separator and spaces are taken as thousands separators. */
    z.object({ type: z.literal("number"), decimal: z.enum([".", ","]).optional() }),
    z.object({ type: z.literal("integer") }),
    z.object({ type: z.literal("boolean") }),
    z.object({ type: z.literal("date"), ...dateOptions }),
    z.object({ type: z.literal("datetime"), ...dateOptions }),
    z.object({ type: z.literal("default"), value: z.json() }),
    z.object({
      type: z.literal("value_map"),
      map: z
        .record(text(200), z.array(text(200)).max(200, "At most 200 spellings per value."))
        .refine((map) => Object.keys(map).length <= 500, "At most 500 values."),
      case_insensitive: z.boolean().optional(),
      fallback: z.enum(["keep", "null", "error"]).optional(),
    }),
    z.object({
      type: z.literal("concat"),
      sources: z.array(jsonPathSchema).min(1, "Add at least one path.").max(20, "At most 20 paths."),
      separator: text(20).optional(),
    }),
    z.object({
      type: z.literal("split"),
      separator: text(20).min(1, "Enter a separator."),
      index: z.number().int("Use a whole number.").min(0, "At least 0.").max(1000).optional(),
    }),
    z.object({
      type: z.literal("template"),
      template: text()
        .min(1, "Enter a template such as {{$.first}} {{$.last}}.")
        .refine(templatePathsValid, "Each {{…}} must hold a JSON path such as $.first."),
    }),
    z.object({ type: z.literal("round"), digits: z.number().int("Use a whole number.").min(0).max(10, "At most 10.").optional() }),
    z.object({
      type: z.literal("multiply"),
      by: z
        .number({ error: "Enter a number." })
        .refine((n) => Number.isFinite(n) && n !== 0, "A finite number other than 0 (so a push can divide back)."),
    }),
  ],
  { error: `Choose a transformation: ${TRANSFORM_TYPES.join(", ")}.` },
);
export type TransformRule = z.infer<typeof transformRuleSchema>;

export const VALIDATION_TYPES = ["required", "type", "regex", "enum", "min", "max", "length", "unique"] as const;
export type ValidationType = (typeof VALIDATION_TYPES)[number];

const bound = z.number({ error: "Enter a number." }).refine(Number.isFinite, "Enter a finite number.");
const count = z.number({ error: "Enter a number." }).int("Use a whole number.").min(0, "At least 0.").max(1_000_000);

export const validationRuleSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("required") }),
    z.object({ type: z.literal("type") }),
    z
      .object({
        type: z.literal("regex"),
        pattern: text(500).min(1, "Enter a pattern."),
        flags: z
          .string()
          .regex(/^(?!.*(.).*\1)[ims]*$/, "Flags are i, m and s, each at most once.")
          .optional(),
      })
      .superRefine((rule, ctx) => {
        const problem = regexProblem(rule.pattern, rule.flags);
        if (problem) ctx.addIssue({ code: "custom", path: ["pattern"], message: problem });
      }),
    z.object({
      type: z.literal("enum"),
      values: z.array(text(200)).min(1, "Add at least one value.").max(500, "At most 500 values."),
    }),
    z.object({ type: z.literal("min"), value: bound }),
    z.object({ type: z.literal("max"), value: bound }),
    z
      .object({ type: z.literal("length"), min: count.optional(), max: count.optional() })
      .refine((rule) => rule.min !== undefined || rule.max !== undefined, "Set a minimum, a maximum or both.")
      .refine((rule) => rule.min === undefined || rule.max === undefined || rule.min <= rule.max, {
        path: ["max"],
        message: "The maximum cannot be below the minimum.",
      }),
    z.object({ type: z.literal("unique") }),
  ],
  { error: `Choose a validation: ${VALIDATION_TYPES.join(", ")}.` },
);
export type ValidationRule = z.infer<typeof validationRuleSchema>;

/** One entity field ← one remote value; `source` is a JSONPath into one remote record. */
export const fieldMappingSchema = z.object({
  field: fieldKeySchema,
  source: jsonPathSchema.optional(),
  transforms: z.array(transformRuleSchema).max(20, "At most 20 transformations per field.").default([]),
  validations: z.array(validationRuleSchema).max(20, "At most 20 validations per field.").default([]),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export const mappingConfigSchema = z.object({
  fields: z.array(fieldMappingSchema).max(200, "At most 200 fields."),
});
export type MappingConfig = z.infer<typeof mappingConfigSchema>;
/** What a caller may write before defaults apply (transforms/validations may be left out). */
export type MappingConfigInput = z.input<typeof mappingConfigSchema>;

const TEMPLATE_SLOT = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The JSON paths of a template's {{…}} slots, in order. */
export function templatePaths(template: string): string[] {
  return [...template.matchAll(TEMPLATE_SLOT)].map((match) => match[1] ?? "");
}

function templatePathsValid(template: string): boolean {
  return templatePaths(template).every(isJsonPath);
}
