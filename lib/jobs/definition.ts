import type PgBoss from "pg-boss";

/**
 * A background job as its feature declares it (in the feature's jobs.ts). The composition root,
 * lib/runtime/jobs.ts, collects every feature's list; that is what a worker (in-process or
 * `patchbay worker`) subscribes to and schedules. A handler that queues more work uses the boss
 * it is given rather than reaching for the process's.
 */
export type JobDefinition = {
  queue: string;
  cron?: string;
  handler: (jobs: PgBoss.Job<object>[], boss: PgBoss) => Promise<unknown>;
  /** Runs once after a worker subscribed and again when the database is back after an outage (to seed a self-rescheduling job). */
  start?: (boss: PgBoss) => Promise<void>;
  stop?: () => Promise<void>;
  queueOptions?: Omit<PgBoss.Queue, "name">;
  /** e.g. a shorter polling interval for a queue that must be picked up promptly, or a batch size. */
  workOptions?: PgBoss.WorkOptions;
  /** Polling loops this process runs for the queue; each works its batch in parallel. */
  concurrency?: number;
};
