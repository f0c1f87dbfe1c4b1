import { z } from "zod";
import { mappingConfigSchema } from "@/lib/mapping";
import { IMPORT_FORMATS } from "./parse/types";

// Kept free of server imports: the import steps in the browser check with these same schemas.

export const IMPORT_TARGET_PATTERN = /^(integrations|entity:[a-z][a-z0-9_]{0,62})$/;
export const importTargetSchema = z
  .string({ error: "Choose what to import into: integrations or entity:<key>." })
  .regex(IMPORT_TARGET_PATTERN, "Choose what to import into: integrations or entity:<key>.");

/** The multipart fields beside the file. */
export const uploadOptionsSchema = z.strictObject({
  target: importTargetSchema,
  format: z.enum(IMPORT_FORMATS, { error: "Choose csv, xlsx, json or xml." }).optional(),
  delimiter: z.enum([",", ";", "\t", "|"], { error: "Use , ; | or a tab." }).optional(),
  encoding: z.enum(["auto", "utf-8", "windows-1252"], { error: "Choose auto, utf-8 or windows-1252." }).optional(),
  record_element: z
    .string()
    .regex(/^[A-Za-z_][\w.-]{0,99}$/, "An XML element name, such as record.")
    .optional(),
  sheet: z.string().min(1).max(100).optional(),
});
export type UploadOptions = z.infer<typeof uploadOptionsSchema>;

/** Field → the file's column (null: not imported); or a full rules-engine mapping for transformations. */
export const columnMapSchema = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.string().max(500).nullable());
export const importMappingSchema = z.union([mappingConfigSchema, columnMapSchema], {
  error: 'Give a column per field ({"name": "Site name"}) or a rules-engine mapping ({"fields": […]}).',
});

export const validateImportSchema = z.strictObject({
  import_id: z.uuid({ error: "Give the id the upload returned." }),
  mapping: importMappingSchema.optional(),
});
export type ValidateImportInput = z.input<typeof validateImportSchema>;

export const executeImportSchema = z.strictObject({
  import_id: z.uuid({ error: "Give the id the upload returned." }),
  all_or_nothing: z.boolean({ error: "Use true or false." }).default(false),
});
export type ExecuteImportInput = z.input<typeof executeImportSchema>;

export const TEMPLATE_FORMATS = IMPORT_FORMATS;
export const templateQuerySchema = z.strictObject({
  format: z.enum(IMPORT_FORMATS, { error: "Choose csv, xlsx, json or xml." }).default("csv"),
});

export const errorReportQuerySchema = z.strictObject({
  format: z.enum(["csv", "xlsx"], { error: "Choose csv or xlsx." }).default("csv"),
});
