import type { JobDefinition } from "@/lib/jobs/definition";
import { pruneSsoRecords } from "./flow";

export const SSO_JOBS: JobDefinition[] = [{ queue: "sso.prune", cron: "17 * * * *", handler: () => pruneSsoRecords() }];
