import PgBoss from "pg-boss";
import { connection, executeSql } from "@/db/client";
import { JOBS, type JobDefinition } from "./queues";

const holder = globalThis as typeof globalThis & { __patchbayBoss?: Promise<PgBoss>; __patchbayJobs?: JobDefinition[] };

function createBoss(): PgBoss {
  const conn = connection();
  // On Postgres pg-boss keeps its own small pool; on PGlite it shares the single embedded connection.
  const boss =
    conn.kind === "postgres"
      ? new PgBoss({ connectionString: conn.url, max: 4 })
      : new PgBoss({ db: { executeSql: (text, values) => executeSql(text, values) } });
  boss.on("error", (error) => console.error(JSON.stringify({ level: "error", message: "pg-boss", error: error.message })));
  return boss;
}

async function subscribe(boss: PgBoss, jobs: JobDefinition[], pollingIntervalSeconds: number) {
  for (const job of jobs) {
    await boss.createQueue(job.queue, { ...job.queueOptions, name: job.queue });
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      await boss.work(job.queue, { pollingIntervalSeconds, ...job.workOptions }, (jobs) => job.handler(jobs as PgBoss.Job<object>[], boss));
    }
    if (job.cron) await boss.schedule(job.queue, job.cron);
    await job.start?.(boss);
  }
  holder.__patchbayJobs = jobs;
}

/** Starts pg-boss once per process; with `workers` it also runs every job handler here. */
export function startJobs(options: { workers: boolean; jobs?: JobDefinition[]; pollingIntervalSeconds?: number }) {
  holder.__patchbayBoss ??= (async () => {
    const boss = createBoss();
    await boss.start();
    if (options.workers) await subscribe(boss, options.jobs ?? JOBS, options.pollingIntervalSeconds ?? 2);
    return boss;
  })();
  return holder.__patchbayBoss;
}

export async function stopJobs(): Promise<void> {
  const pending = holder.__patchbayBoss;
  holder.__patchbayBoss = undefined;
  const jobs = holder.__patchbayJobs ?? [];
  holder.__patchbayJobs = undefined;
  await Promise.all(jobs.map((job) => job.stop?.()));
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}
