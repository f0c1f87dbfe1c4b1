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
