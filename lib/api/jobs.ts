import type { JobDefinition } from "@/lib/jobs/definition";
import { pruneExpiredLimits } from "@/lib/rate-limit";
import { pruneIdempotencyRecords } from "./idempotency";

export const API_JOBS: JobDefinition[] = [
  {
    queue: "maintenance.prune-expired",
    cron: "*/10 * * * *",
    handler: async () => {
      await pruneExpiredLimits();
      await pruneIdempotencyRecords();
    },
  },
];
