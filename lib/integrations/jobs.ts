import type { JobDefinition } from "@/lib/jobs/definition";
import { pruneRequestLogs } from "./request-log";

export const INTEGRATION_JOBS: JobDefinition[] = [
  {
    queue: "maintenance.prune-integration-request-logs",
    cron: "17 3 * * *",
    handler: async () => {
      await pruneRequestLogs();
    },
  },
];
