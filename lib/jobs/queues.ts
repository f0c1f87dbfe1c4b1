import type PgBoss from "pg-boss";
import { notifyExpiringKeys } from "@/lib/api-keys/expiry-notices";
import { pruneIdempotencyRecords } from "@/lib/api/idempotency";
import { pruneExpiredLimits } from "@/lib/rate-limit";

/**
 * Every background job Patchbay runs. Handlers live with their feature; this list is what
 * a worker (in-process or `patchbay worker`) subscribes to and schedules.
 */
export type JobDefinition = {
  queue: string;
  cron?: string;
  handler: PgBoss.WorkHandler<object>;
};

export const QUEUES = {
  pruneExpired: "maintenance.prune-expired",
  apiKeyExpiryNotices: "api-keys.expiry-notices",
} as const;

export const JOBS: JobDefinition[] = [
  {
    queue: QUEUES.pruneExpired,
    cron: "*/10 * * * *",
    handler: async () => {
      await pruneExpiredLimits();
      await pruneIdempotencyRecords();
    },
  },
  {
    queue: QUEUES.apiKeyExpiryNotices,
    cron: "17 * * * *",
    handler: async () => {
      await notifyExpiringKeys();
    },
  },
];
