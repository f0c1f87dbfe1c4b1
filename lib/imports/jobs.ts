import type PgBoss from "pg-boss";
import { EXPORT_QUEUE_OPTIONS, exportJobHandler, pruneExports } from "@/lib/exports/service";
import type { JobDefinition } from "@/lib/jobs/definition";
import { IMPORT_QUEUE_OPTIONS, importJobHandler } from "./execute";
import { IMPORT_QUEUES } from "./jobs-queue";
import { pruneAbandonedUploads } from "./prune";

export const IMPORT_JOBS: JobDefinition[] = [
  {
    queue: IMPORT_QUEUES.execute,
    // An import's batches commit with their checkpoint; a retry after a lost worker resumes there.
    queueOptions: IMPORT_QUEUE_OPTIONS,
    workOptions: { pollingIntervalSeconds: 1 },
    handler: importJobHandler as PgBoss.WorkHandler<object>,
  },
  {
    queue: IMPORT_QUEUES.export,
    queueOptions: EXPORT_QUEUE_OPTIONS,
    workOptions: { pollingIntervalSeconds: 1 },
    handler: exportJobHandler as PgBoss.WorkHandler<object>,
  },
  {
    queue: IMPORT_QUEUES.prune,
    cron: "17 * * * *",
    handler: async () => {
      await pruneExports();
      await pruneAbandonedUploads();
    },
  },
];
