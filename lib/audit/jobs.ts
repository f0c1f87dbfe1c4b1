import type { JobDefinition } from "@/lib/jobs/definition";
import { pruneAuditEvents } from "./retention";

export const AUDIT_QUEUES = { prune: "maintenance.prune-audit-events" } as const;

export const AUDIT_JOBS: JobDefinition[] = [{ queue: AUDIT_QUEUES.prune, cron: "17 3 * * *", handler: () => pruneAuditEvents() }];
