import type PgBoss from "pg-boss";
import { notifyExpiringKeys } from "@/lib/api-keys/expiry-notices";
import { notifyKeysDueForRotation } from "@/lib/api-keys/rotation-notices";
import { pruneIdempotencyRecords } from "@/lib/api/idempotency";
import { HEALTH_JOBS } from "@/lib/health/jobs";
import { pruneRequestLogs } from "@/lib/integrations/request-log";
import { refreshDueTokens } from "@/lib/oauth/manage";
import { pruneStates } from "@/lib/oauth/state";
import { pruneExpiredLimits } from "@/lib/rate-limit";
import { WEBHOOK_JOBS } from "@/lib/webhooks/jobs";

/**
 * Every background job Patchbay runs. Handlers live with their feature; this list is what
 * a worker (in-process or `patchbay worker`) subscribes to and schedules.
 */
export type JobDefinition = {
  queue: string;
  cron?: string;
  handler: (jobs: PgBoss.Job<object>[], boss: PgBoss) => Promise<unknown>;
  /** Runs once after a worker subscribed (to seed a self-rescheduling job), and before it stops. */
  start?: (boss: PgBoss) => Promise<void>;
  stop?: () => Promise<void>;
  queueOptions?: Omit<PgBoss.Queue, "name">;
  /** e.g. a shorter polling interval for a queue that must be picked up promptly, or a batch size. */
  workOptions?: PgBoss.WorkOptions;
  /** Polling loops this process runs for the queue; each works its batch in parallel. */
  concurrency?: number;
};

export const QUEUES = {
  pruneExpired: "maintenance.prune-expired",
  apiKeyExpiryNotices: "api-keys.expiry-notices",
  pruneRequestLogs: "maintenance.prune-integration-request-logs",
  oauthRefreshTokens: "oauth.refresh-tokens",
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
      await notifyKeysDueForRotation();
    },
  },
  {
    queue: QUEUES.pruneRequestLogs,
    cron: "17 3 * * *",
    handler: async () => {
      await pruneRequestLogs();
    },
  },
  {
    queue: QUEUES.oauthRefreshTokens,
    cron: "* * * * *",
    handler: async () => {
      await refreshDueTokens();
      await pruneStates();
    },
  },
  ...HEALTH_JOBS,
  ...WEBHOOK_JOBS,
];
