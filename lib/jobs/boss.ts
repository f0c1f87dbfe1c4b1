import PgBoss from "pg-boss";
import { connection, executeSql, replacePostgresPool } from "@/db/client";
import { logError } from "@/lib/log";
import type { JobDefinition } from "./definition";
import { DatabaseOutage, isDriverCrashOnClosedSocket } from "./outage";

type Running = {
  boss: PgBoss;
  jobs: JobDefinition[];
  outage: DatabaseOutage;
  onUnhandled: (reason: unknown) => void;
  onUncaught: (error: Error) => void;
};

const holder = globalThis as typeof globalThis & { __patchbayBoss?: Promise<Running> };

/**
 * How often pg-boss's supervisor fails jobs active past their expiry (at most one process runs
 * it per interval). Its default, two minutes, is what a job lost with a killed worker waits on
 * top of its expiry; a stately queue gets no new run until then.
 */
export const SUPERVISE_EVERY_SECONDS = 5;

/** For jobs that do not set their own: a run longer than this has lost its worker. */
const DEFAULT_EXPIRE_SECONDS = 5 * 60;

function createBoss(): PgBoss {
  const conn = connection();
  const options = { maintenanceIntervalSeconds: SUPERVISE_EVERY_SECONDS, expireInSeconds: DEFAULT_EXPIRE_SECONDS };
  // On Postgres pg-boss keeps its own small pool; on PGlite it shares the single embedded connection.
  return conn.kind === "postgres"
    ? new PgBoss({ ...options, connectionString: conn.url, max: 4 })
    : new PgBoss({ ...options, db: { executeSql: (text, values) => executeSql(text, values) } });
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
}

async function start(options: { workers: boolean; jobs: JobDefinition[]; pollingIntervalSeconds?: number }): Promise<Running> {
  const boss = createBoss();
  const jobs = options.workers ? options.jobs : [];
  // A job's `start` seeds a self-rescheduling chain; after an outage the chain may have broken
  // (its next run could not be queued), so the same seeding runs again once the database is back.
  const outage = new DatabaseOutage(
    () => boss.getDb().executeSql("select 1", []),
    async () => {
      for (const job of jobs) await job.start?.(boss);
    },
  );
  boss.on("error", (error) => {
    if (!outage.report(error)) logError("pg-boss", error);
  });
  // pg-boss 10 completes and fails worked jobs without awaiting the statement, so a database that
  // goes away mid-job surfaces as an unhandled rejection; Node's default would end the process.
  // Anything else keeps that default when no other listener (Next.js has one) decides otherwise.
  const onUnhandled = (reason: unknown) => {
    if (outage.report(reason)) return;
    if (process.listenerCount("unhandledRejection") === 1) throw reason;
  };
  // The app pool's driver bug when the server goes away (see isDriverCrashOnClosedSocket) is an
  // outage too; the pool it came from is replaced, so no later query waits on a broken connection.
  const onUncaught = (error: Error) => {
    if (isDriverCrashOnClosedSocket(error)) {
      replacePostgresPool();
      outage.report(Object.assign(new Error(error.message), { code: "CONNECTION_CLOSED" }));
      return;
    }
    if (process.listenerCount("uncaughtException") === 1) {
      console.error(error);
      process.exit(1);
    }
  };
  process.on("unhandledRejection", onUnhandled);
  process.on("uncaughtException", onUncaught);
  try {
    await boss.start();
    if (options.workers) await subscribe(boss, jobs, options.pollingIntervalSeconds ?? 2);
  } catch (error) {
    // A start cut short (the database went away half way) leaves no polling workers behind a retry.
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    process.off("unhandledRejection", onUnhandled);
    process.off("uncaughtException", onUncaught);
    outage.stop();
    throw error;
  }
  return { boss, jobs, outage, onUnhandled, onUncaught };
}

/**
 * Starts pg-boss once per process; with `workers` it also runs the given jobs' handlers here.
 * Without, it only sends (the jobs list is the composition root's, lib/runtime/jobs.ts).
 */
export async function startJobs(options: { workers: boolean; jobs?: JobDefinition[]; pollingIntervalSeconds?: number }): Promise<PgBoss> {
  holder.__patchbayBoss ??= start({ ...options, jobs: options.jobs ?? [] }).catch((error: unknown) => {
    holder.__patchbayBoss = undefined;
    throw error;
  });
  return (await holder.__patchbayBoss).boss;
}

export async function stopJobs(): Promise<void> {
  const pending = holder.__patchbayBoss;
  holder.__patchbayBoss = undefined;
  if (!pending) return;
  const { boss, jobs, outage, onUnhandled, onUncaught } = await pending;
  await Promise.all(jobs.map((job) => job.stop?.()));
  await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  outage.stop();
  process.off("unhandledRejection", onUnhandled);
  process.off("uncaughtException", onUncaught);
}
