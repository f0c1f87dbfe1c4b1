import { z } from "zod";
import { limitSchema } from "@/lib/pagination";

// Kept free of server imports: the health pages use these too.

export const listHealthSchema = z.object({
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export type ListHealthInput = z.input<typeof listHealthSchema>;

export const listHealthChecksSchema = z.object({
  outcome: z.enum(["success", "failure", "timeout"], { error: "Choose success, failure or timeout." }).optional(),
  limit: limitSchema,
  cursor: z.string().max(1000).optional(),
});
export type ListHealthChecksInput = z.input<typeof listHealthChecksSchema>;

export const HEALTH_WINDOWS = ["24h", "7d", "30d"] as const;
export type HealthWindow = (typeof HEALTH_WINDOWS)[number];

/** Per-integration status rules; a field left out keeps its current value. */
export const healthThresholdsSchema = z
  .strictObject(
    {
      failures_to_degraded: z
        .number({ error: "Enter a whole number from 1 to 10." })
        .int("Use a whole number.")
        .min(1, "At least 1.")
        .max(10, "At most 10.")
        .optional(),
      failures_to_down: z
        .number({ error: "Enter a whole number from 1 to 20." })
        .int("Use a whole number.")
        .min(1, "At least 1.")
        .max(20, "At most 20.")
        .optional(),
      successes_to_recover: z
        .number({ error: "Enter a whole number from 1 to 10." })
        .int("Use a whole number.")
        .min(1, "At least 1.")
        .max(10, "At most 10.")
        .optional(),
      latency_threshold_ms: z
        .number({ error: "Enter milliseconds from 50 to 60000." })
        .int("Use whole milliseconds.")
        .min(50, "At least 50 ms.")
        .max(60_000, "At most 60000 ms.")
        .optional(),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}.` : undefined) },
  )
  .refine((t) => t.failures_to_down === undefined || t.failures_to_degraded === undefined || t.failures_to_down >= t.failures_to_degraded, {
    path: ["failures_to_down"],
    message: "DOWN cannot come before DEGRADED: use at least as many failures as for DEGRADED.",
  });
export type HealthThresholdsInput = z.input<typeof healthThresholdsSchema>;
export type HealthThresholds = Required<z.output<typeof healthThresholdsSchema>>;
