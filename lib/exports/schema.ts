import { z } from "zod";
import { CONNECTION_STATUSES, ENVIRONMENTS } from "@/lib/integrations/schema";

// Kept free of server imports: the new-export form checks with these same schemas.

export const EXPORT_FORMATS = ["csv", "xlsx", "json", "xml"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const uuid = (what: string) => z.uuid({ error: `Give the ${what}'s id.` });
const instant = z.iso.datetime({ offset: true, error: "Give a date and time, such as 2026-11-23T08:00:00Z." });

/** Filters per target, as each list page has them. */
export const EXPORT_FILTERS = {
  integrations: z.strictObject({
    q: z.string().trim().max(100).optional(),
    provider: z.string().trim().max(100).optional(),
    environment: z.enum(ENVIRONMENTS).optional(),
    status: z.enum(["enabled", "disabled"], { error: "Choose enabled or disabled." }).optional(),
    connection_status: z.enum(CONNECTION_STATUSES).optional(),
  }),
  health_history: z.strictObject({
    integration_id: uuid("integration"),
    outcome: z.enum(["success", "failure", "timeout"], { error: "Choose success, failure or timeout." }).optional(),
  }),
  webhook_deliveries: z.strictObject({
    endpoint_id: uuid("webhook endpoint"),
    status: z.enum(["pending", "succeeded", "failed"], { error: "Choose pending, succeeded or failed." }).optional(),
    event_type: z.string().max(200).optional(),
  }),
  audit_log: z.strictObject({
    action: z.string().max(200).optional(),
    since: instant.optional(),
    until: instant.optional(),
  }),
  // As GET /entities/{key}/records takes them (actions comma-separated), plus the entity.
  records: z.strictObject({
    entity: z.string({ error: "Give the entity's key." }).regex(/^[a-z][a-z0-9_]{0,62}$/, "Give the entity's key, such as customer."),
    modified_after: instant.optional(),
    actions: z
      .string()
      .regex(/^(created|updated|deleted)(,(created|updated|deleted))*$/, "List created, updated and/or deleted, comma-separated.")
      .optional(),
    source_type: z.enum(["integration", "import"], { error: "Choose integration or import." }).optional(),
    q: z.string().trim().max(200).optional(),
  }),
  sync_runs: z.strictObject({
    integration_id: uuid("integration").optional(),
    entity: z.string().max(63).optional(),
    trigger: z
      .enum(["schedule", "manual", "webhook", "sse", "import", "replay"], {
        error: "Choose schedule, manual, webhook, sse, import or replay.",
      })
      .optional(),
    status: z
      .enum(["queued", "running", "completed", "partial", "failed", "cancelled"], {
        error: "Choose queued, running, completed, partial, failed or cancelled.",
      })
      .optional(),
    since: instant.optional(),
    until: instant.optional(),
  }),
} as const;

export const EXPORT_TARGETS = Object.keys(EXPORT_FILTERS) as (keyof typeof EXPORT_FILTERS)[];
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export const createExportSchema = z
  .strictObject({
    target: z.enum(EXPORT_TARGETS, { error: `Choose one of: ${EXPORT_TARGETS.join(", ")}.` }),
    format: z.enum(EXPORT_FORMATS, { error: "Choose csv, xlsx, json or xml." }).default("csv"),
    filters: z.record(z.string(), z.unknown()).default({}),
  })
  .transform((input, ctx) => {
    const parsed = EXPORT_FILTERS[input.target].safeParse(input.filters);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["filters", ...issue.path], message: issue.message });
      return z.NEVER;
    }
    return { ...input, filters: parsed.data as Record<string, unknown> };
  });
export type CreateExportInput = z.input<typeof createExportSchema>;

export const downloadQuerySchema = z.strictObject({
  file: z.enum(["data", "metadata"], { error: "Choose data or metadata." }).default("data"),
});
