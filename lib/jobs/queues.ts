import type PgBoss from "pg-boss";
import { notifyExpiringKeys } from "@/lib/api-keys/expiry-notices";
import { pruneIdempotencyRecords } from "@/lib/api/idempotency";
import { pruneRequestLogs } from "@/lib/integrations/request-log";
import { pruneExpiredLimits } from "@/lib/rate-limit";
import { WEBHOOK_JOBS } from "@/lib/webhooks/jobs";

/**
 * Every background job Patchbay runs. Handlers live with their feature; this list is what
 * a worker (in-process or `patchbay worker`) subscribes to and schedules.
 */
export type JobDefinition = {
  queue: string;
  cron?: string;
  handler: PgBoss.WorkHandler<object>;
  queueOptions?: Omit<PgBoss.Queue, "name">;
  workOptions?: PgBoss.WorkOptions;
  /** Polling loops this process runs for the queue; each works its batch in parallel. */
  concurrency?: number;
};

export const QUEUES = {
  pruneExpired: "maintenance.prune-expired",
  apiKeyExpiryNotices: "api-keys.expiry-notices",
  pruneRequestLogs: "maintenance.prune-integration-request-logs",
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
  {
    queue: QUEUES.pruneRequestLogs,
    cron: "17 3 * * *",
    handler: async () => {
      await pruneRequestLogs();
    },
  },
  ...WEBHOOK_JOBS,
];
