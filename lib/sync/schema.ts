import { z } from "zod";
import { limitSchema } from "@/lib/pagination";
import { ENTITY_TEMPLATES } from "./templates";

// Kept free of server imports: the Data model and stream forms validate with these same schemas.

export const FIELD_TYPES = ["string", "number", "integer", "boolean", "date", "datetime", "enum", "json"] as const;
const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const keyText = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .regex(KEY, `The ${what} is lowercase letters, digits and _, starting with a letter (at most 63).`);

export const entityFieldSchema = z
  .object({
    key: keyText("field key"),
    label: z.string().max(200).optional(),
    type: z.enum(FIELD_TYPES, { error: `Use ${FIELD_TYPES.join(", ")}.` }),
    required: z.boolean().optional(),
    enum_values: z.array(z.string().min(1).max(200)).max(500).optional(),
    description: z.string().max(1000).optional(),
  })
  .refine((f) => f.type !== "enum" || (f.enum_values?.length ?? 0) > 0, {
    message: "An enum field lists its values.",
    path: ["enum_values"],
  });

const fieldsSchema = z
  .array(entityFieldSchema)
  .min(1, "An entity has at least one field.")
  .max(200, "At most 200 fields.")
  .superRefine((fields, ctx) => {
    const seen = new Set<string>();
    fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: "custom", message: `The field key ${f.key} is used twice.`, path: [i, "key"] });
      seen.add(f.key);
    });
  });

function keyFieldsFit(value: { fields?: { key: string }[]; key_fields?: string[] }, ctx: z.RefinementCtx) {
  if (!value.fields || !value.key_fields) return;
  const keys = new Set(value.fields.map((f) => f.key));
  value.key_fields.forEach((k, i) => {
    if (!keys.has(k)) ctx.addIssue({ code: "custom", message: `${k} is not one of the entity's fields.`, path: ["key_fields", i] });
  });
}

const TEMPLATE_KEYS = ENTITY_TEMPLATES.map((t) => t.key) as [string, ...string[]];

export const createEntitySchema = z
  .object({
    key: keyText("entity key"),
    name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(200, "At most 200 characters."),
    description: z.string().max(2000).optional(),
    template: z.enum(TEMPLATE_KEYS, { error: `Use one of the templates: ${TEMPLATE_KEYS.join(", ")}.` }).optional(),
    fields: fieldsSchema.optional(),
    key_fields: z.array(z.string()).max(10).optional(),
  })
  .superRefine((value, ctx) => {
    if (!value.template && !value.fields)
      ctx.addIssue({ code: "custom", message: "Give the fields, or a template to start from.", path: ["fields"] });
    keyFieldsFit(value, ctx);
  });
export type CreateEntityInput = z.infer<typeof createEntitySchema>;

export const updateEntitySchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(200, "At most 200 characters.").optional(),
    description: z.string().max(2000).optional(),
    fields: fieldsSchema.optional(),
    key_fields: z.array(z.string()).max(10).optional(),
  })
  .superRefine(keyFieldsFit);
export type UpdateEntityInput = z.infer<typeof updateEntitySchema>;

export const RECORD_ACTION_VALUES = ["created", "updated", "deleted"] as const;

export const listRecordsSchema = z.object({
  modified_after: z.iso
    .datetime({ offset: true, error: "modified_after is an ISO 8601 date-time, such as 2026-12-01T00:00:00Z." })
    .optional(),
  actions: z
    .string()
    .transform((v) =>
      v
        .split(",")
        .map((a) => a.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(RECORD_ACTION_VALUES, { error: "actions lists created, updated and/or deleted." })))
    .optional(),
  source_type: z.enum(["integration", "import"]).optional(),
  source_id: z.string().max(200).optional(),
  q: z.string().max(200).optional(),
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export type ListRecordsInput = z.infer<typeof listRecordsSchema>;
