import { z } from "zod";
import { entityFieldSchema, jsonPathSchema, mappingConfigSchema } from "@/lib/mapping/schema";
import { limitSchema } from "@/lib/pagination";
import { ENTITY_TEMPLATES } from "./templates";

// Kept free of server imports: the Data model and stream forms validate with these same schemas.

const KEY = /^[a-z][a-z0-9_]{0,62}$/;
const keyText = (what: string) =>
  z
    .string({ error: `Enter the ${what}.` })
    .regex(KEY, `The ${what} is lowercase letters, digits and _, starting with a letter (at most 63).`);

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

const STREAM_DIRECTION_VALUES = ["inbound", "outbound", "bidirectional"] as const;

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

const paramName = z
  .string({ error: "Enter the query parameter's name." })
  .trim()
  .min(1, "Enter the query parameter's name.")
  .max(100, "At most 100 characters.")
  .regex(/^[A-Za-z0-9_.\-[\]]+$/, "A query parameter name: letters, digits, _ . - [ ].");

const paginationSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("none") }),
    z.object({
      type: z.literal("page"),
      param: paramName,
      start: z.number().int().min(0).max(1).default(1),
      size_param: paramName.optional(),
      size: z.number().int().min(1).max(10_000).optional(),
    }),
    z.object({ type: z.literal("offset"), param: paramName, limit_param: paramName, limit: z.number().int().min(1).max(10_000) }),
    z.object({ type: z.literal("cursor"), param: paramName, cursor_path: jsonPathSchema }),
    z.object({ type: z.literal("link_header") }),
    z.object({ type: z.literal("next_url"), next_path: jsonPathSchema }),
  ],
  { error: "Choose pagination: none, page, offset, cursor, link_header or next_url." },
);

export const restSourceSchema = z.object({
  path: z
    .string({ error: "Enter the path under the integration's base URL." })
    .trim()
    .min(1, "Enter the path under the integration's base URL.")
    .max(1000, "At most 1000 characters.")
    .regex(/^\/[^\s]*$/, "A path starting with /, such as /v1/units."),
  method: z.enum(["GET", "POST"]).default("GET"),
  records_path: jsonPathSchema,
  id_path: jsonPathSchema,
  pagination: paginationSchema.default({ type: "none" }),
  incremental: z
    .object({ param: paramName, field: jsonPathSchema, overlap_seconds: z.number().int().min(0).max(86_400).default(60) })
    .optional(),
  query: z.record(paramName, z.string().max(1000)).optional(),
  connector: keyText("connector stream").optional(),
});
export type RestSourceInput = z.infer<typeof restSourceSchema>;

const streamFields = {
  name: z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(200, "At most 200 characters."),
  direction: z.enum(STREAM_DIRECTION_VALUES).default("inbound"),
  mode: z.enum(["full", "incremental"]).default("full"),
  update_method: z.enum(["polling", "sse", "webhook"]).default("polling"),
  interval_seconds: z
    .number({ error: "interval_seconds is a number of seconds." })
    .int()
    .min(60, "At least 60 seconds.")
    .max(86_400, "At most 86400 seconds (a day).")
    .default(300),
  enabled: z.boolean().default(true),
  source: restSourceSchema,
  mapping: mappingConfigSchema,
  webhook_action: z.enum(["apply", "run"]).default("run"),
  conflict_rule: z.enum(["remote_wins", "patchbay_wins", "newest_wins"]).default("remote_wins"),
};

function incrementalNeedsField(value: { mode?: string; source?: { incremental?: unknown } }, ctx: z.RefinementCtx) {
  if (value.mode === "incremental" && value.source && !value.source.incremental) {
    ctx.addIssue({
      code: "custom",
      message: "An incremental stream names its incremental parameter and change-time field.",
      path: ["source", "incremental"],
    });
  }
}

export const createStreamSchema = z.object({ ...streamFields, entity: keyText("entity key") }).superRefine(incrementalNeedsField);
export type CreateStreamInput = z.infer<typeof createStreamSchema>;

export const updateStreamSchema = z
  .object({
    name: streamFields.name.optional(),
    direction: z.enum(STREAM_DIRECTION_VALUES).optional(),
    mode: z.enum(["full", "incremental"]).optional(),
    update_method: z.enum(["polling", "sse", "webhook"]).optional(),
    interval_seconds: streamFields.interval_seconds.optional(),
    enabled: z.boolean().optional(),
    source: restSourceSchema.optional(),
    mapping: mappingConfigSchema.optional(),
    webhook_action: z.enum(["apply", "run"]).optional(),
    conflict_rule: z.enum(["remote_wins", "patchbay_wins", "newest_wins"]).optional(),
  })
  .superRefine(incrementalNeedsField);
export type UpdateStreamInput = z.infer<typeof updateStreamSchema>;

export const addConnectorStreamsSchema = z.object({
  streams: z.array(keyText("connector stream")).min(1, "Name at least one stream, or leave streams out for all.").max(50).optional(),
});

export const startSyncSchema = z.object({
  stream_id: z.uuid("stream_id is a stream's id.").optional(),
  type: z.enum(["full", "incremental"], { error: "type is full or incremental." }).optional(),
});

export const previewSchema = z.object({
  // A pasted response (the whole body, as the stream's records_path expects) instead of a live call.
  sample: z.unknown().optional(),
  mapping: mappingConfigSchema.optional(),
  source: restSourceSchema.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const listRunsSchema = z.object({
  stream_id: z.uuid().optional(),
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export const listRunErrorsSchema = z.object({ limit: limitSchema, cursor: z.string().max(1000).optional() });
