import { z } from "zod";
import { limitSchema } from "@/lib/pagination";
import { ACTOR_TYPES } from "./actor-types";

// Kept free of server imports: the audit page's filter form parses with this same schema.

const instant = (what: string) =>
  z.iso.datetime({ offset: true, local: true, error: `Give the ${what} as a date and time, such as 2026-11-23T08:00:00Z.` });

export const listAuditEventsSchema = z
  .object({
    limit: limitSchema,
    cursor: z.string().optional(),
    actor_type: z.enum(ACTOR_TYPES, { error: `Choose one of ${ACTOR_TYPES.join(", ")}.` }).optional(),
    actor_id: z.string().trim().max(200, "At most 200 characters.").optional(),
    action: z
      .string()
      .trim()
      .max(200, "At most 200 characters.")
      .regex(/^[a-z0-9_.]+\*?$/, "An action such as integration.updated, or a prefix ending in * such as integration.*.")
      .optional(),
    target_type: z
      .string()
      .trim()
      .max(100, "At most 100 characters.")
      .regex(/^[a-z_]+$/, "A target type such as integration or api_key.")
      .optional(),
    target_id: z.string().trim().max(200, "At most 200 characters.").optional(),
    since: instant("start").optional(),
    until: instant("end").optional(),
    q: z.string().trim().max(200, "At most 200 characters.").optional(),
  })
  .refine((v) => !v.since || !v.until || new Date(v.since) <= new Date(v.until), {
    path: ["until"],
    message: "The end must not be before the start.",
  });
export type ListAuditEventsInput = z.input<typeof listAuditEventsSchema>;
export const AUDIT_FILTER_KEYS = ["actor_type", "actor_id", "action", "target_type", "target_id", "since", "until", "q"] as const;

export const AUDIT_RETENTION_DAYS = { min: 7, max: 3650, default: 365 } as const;
