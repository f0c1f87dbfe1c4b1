import type PgBoss from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/definition";
import { startJobs } from "@/lib/jobs/boss";
import { executeRun } from "./executor";
import { scheduleDueRuns, type DueRun } from "./scheduler";

export const SYNC_QUEUES = { run: "sync.run", schedule: "sync.schedule" } as const;

async function enqueue(boss: PgBoss, runs: DueRun[]) {
  for (const run of runs) {
    // One job per run at a time: the scheduler may find a queued run again before a worker took it.
    await boss.send(SYNC_QUEUES.run, run, { singletonKey: run.runId, expireInSeconds: 2 * 3600 });
  }
}

/** Hands a queued run to a worker now rather than at the scheduler's next pass. */
export async function enqueueRun(run: DueRun): Promise<void> {
  await enqueue(await startJobs({ workers: false }), [run]);
}

export const SYNC_JOBS: JobDefinition[] = [
  {
    queue: SYNC_QUEUES.schedule,
    cron: "* * * * *",
    handler: async (_jobs, boss) => enqueue(boss, await scheduleDueRuns()),
  },
  {
    queue: SYNC_QUEUES.run,
    handler: async (jobs) => {
      for (const job of jobs as PgBoss.Job<DueRun>[]) await executeRun({ tenant: { id: job.data.tenantId } }, job.data.runId);
    },
    concurrency: 2,
  },
];
