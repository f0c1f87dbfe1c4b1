import { fieldErrorsOf } from "@/lib/errors";
import { buildMapping, mappingProblems } from "./engine";
import { fieldMappingSchema, type EntityField, type FieldMapping, type MappingConfig, type MappingConfigInput } from "./schema";
import { createRunState, type FieldError } from "./types";

export type MappingPreview =
  | {
      ok: true;
      mapped: { index: number; data: Record<string, unknown> }[];
      rejected: { index: number; data: Record<string, unknown>; errors: FieldError[] }[];
      /** What keeps the config from being saved, keyed like compileMapping's field messages; those mappings are left out of the preview. */
      problems: Record<string, string>;
    }
  | { ok: false; message: string; fields: Record<string, string> };

/**
 * The mapping applied to sample records with one run state (so `unique` is checked across the
 * sample), nothing written: what the editor shows while the admin types. A half-finished config
 * still previews: each field mapping that is not valid yet is left out and reported in
 * `problems`. A caller that must refuse such a config (an API route) calls compileMapping first.
 */
export function previewMapping(
  config: MappingConfig | MappingConfigInput,
  fields: EntityField[],
  sample: readonly unknown[],
): MappingPreview {
  const list: unknown = (config as { fields?: unknown } | null)?.fields;
  if (!Array.isArray(list)) return { ok: false, message: "The mapping is not valid.", fields: { fields: "A list of field mappings." } };
  const problems: Record<string, string> = {};
  const parsed: { index: number; mapping: FieldMapping }[] = [];
  list.forEach((raw, index) => {
    const result = fieldMappingSchema.safeParse(raw);
    if (result.success) parsed.push({ index, mapping: result.data });
    else for (const [key, message] of Object.entries(fieldErrorsOf(result.error.issues))) problems[`fields.${index}.${key}`] = message;
  });
  const fitted = mappingProblems({ fields: parsed.map((p) => p.mapping) }, fields);
  const broken = new Set<number>();
  for (const [key, message] of Object.entries(fitted)) {
    const match = /^fields\.(\d+)(.*)$/.exec(key);
    if (!match) {
      problems[key] = message;
      continue;
    }
    const position = Number(match[1]);
    const original = parsed[position]!.index;
    problems[`fields.${original}${match[2]}`] = message;
    // A second mapping of a field is reported on the second one, so the first one still previews.
    broken.add(position);
  }
  const usable = parsed.filter((_, position) => !broken.has(position)).map((p) => p.mapping);
  const compiled = buildMapping({ fields: usable }, fields);
  const run = createRunState();
  const mapped: Extract<MappingPreview, { ok: true }>["mapped"] = [];
  const rejected: Extract<MappingPreview, { ok: true }>["rejected"] = [];
  sample.forEach((record, index) => {
    const result = compiled.apply(record, run);
    if (result.ok) mapped.push({ index, data: result.data });
    else rejected.push({ index, data: result.data, errors: result.errors });
  });
  return { ok: true, mapped, rejected, problems };
}
