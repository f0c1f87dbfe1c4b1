import { AppError } from "@/lib/errors";
import { compileMapping } from "./engine";
import type { EntityField, MappingConfig, MappingConfigInput } from "./schema";
import { createRunState, type FieldError } from "./types";

export type MappingPreview =
  | {
      ok: true;
      mapped: { index: number; data: Record<string, unknown> }[];
      rejected: { index: number; data: Record<string, unknown>; errors: FieldError[] }[];
    }
  | { ok: false; message: string; fields: Record<string, string> };

/**
 * The mapping applied to sample records with one run state (so `unique` is checked across the
 * sample), nothing written: what the editor and the stream preview show.
 */
export function previewMapping(
  config: MappingConfig | MappingConfigInput,
  fields: EntityField[],
  sample: readonly unknown[],
): MappingPreview {
  let compiled;
  try {
    compiled = compileMapping(config, fields);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message, fields: error.fields ?? {} };
    throw error;
  }
  const run = createRunState();
  const mapped: Extract<MappingPreview, { ok: true }>["mapped"] = [];
  const rejected: Extract<MappingPreview, { ok: true }>["rejected"] = [];
  sample.forEach((record, index) => {
    const result = compiled.apply(record, run);
    if (result.ok) mapped.push({ index, data: result.data });
    else rejected.push({ index, data: result.data, errors: result.errors });
  });
  return { ok: true, mapped, rejected };
}
