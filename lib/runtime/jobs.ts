import type PgBoss from "pg-boss";
import { API_JOBS } from "@/lib/api/jobs";
import { API_KEY_JOBS } from "@/lib/api-keys/jobs";
import { ALERT_JOBS } from "@/lib/alerts/jobs";
import { AUDIT_JOBS } from "@/lib/audit/jobs";
import { HEALTH_JOBS } from "@/lib/health/jobs";
import { IMPORT_JOBS } from "@/lib/imports/jobs";
import { INTEGRATION_JOBS } from "@/lib/integrations/jobs";
import type { JobDefinition } from "@/lib/jobs/definition";
import { startJobs } from "@/lib/jobs/boss";
import { OAUTH_JOBS } from "@/lib/oauth/jobs";
import { SSO_JOBS } from "@/lib/sso/jobs";
import { SYNC_JOBS } from "@/lib/sync/jobs";
import { WEBHOOK_JOBS } from "@/lib/webhooks/jobs";

/** Every background job Patchbay runs: each feature declares its own in its jobs.ts. */
export const JOBS: JobDefinition[] = [
  ...API_JOBS,
  ...API_KEY_JOBS,
  ...INTEGRATION_JOBS,
  ...OAUTH_JOBS,
  ...HEALTH_JOBS,
  ...WEBHOOK_JOBS,
  ...SSO_JOBS,
  ...AUDIT_JOBS,
  ...ALERT_JOBS,
  ...SYNC_JOBS,
  ...IMPORT_JOBS,
];

/** Starts pg-boss for this process (the server or `patchbay worker`), working every job here when `workers` is set. */
export function startRuntimeJobs(options: { workers: boolean }): Promise<PgBoss> {
  return startJobs({ workers: options.workers, jobs: JOBS });
}
