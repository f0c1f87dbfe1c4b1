import type PgBoss from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/queues";
import { startJobs } from "@/lib/jobs/boss";
import { deliverAttempts } from "./deliver";
import { dispatchOutbox, takeDueDeliveries, type DueDelivery } from "./dispatch";
import { WEBHOOK_QUEUES } from "./queues";

type DeliverJob = { deliveryId: string; attempt: number };

async function enqueue(boss: PgBoss, due: DueDelivery[]) {
  for (let i = 0; i < due.length; i += 1000) {
    await boss.insert(
      due
        .slice(i, i + 1000)
        .map((d) => ({ name: WEBHOOK_QUEUES.deliver, data: { deliveryId: d.deliveryId, attempt: d.attempt }, startAfter: d.startAfter })),
    );
  }
}

/**
 * One pass of the pump: new outbox events become deliveries, and due deliveries without a live
 * job (test events, resends, jobs lost with a dead worker) get one. Loops while there is work,
 * then asks to run again shortly, so a quiet system costs one cheap query a second.
 */
async function pump() {
  const boss = await startJobs({ workers: false });
  for (;;) {
    const now = new Date();
    const dispatched = await dispatchOutbox(now);
    await enqueue(boss, dispatched.deliveries);
    const due = await takeDueDeliveries(now);
    await enqueue(boss, due);
    if (dispatched.events === 0 && due.length === 0) break;
  }
  await boss.send(WEBHOOK_QUEUES.pump, {}, { startAfter: 1 });
}

async function deliver(jobs: PgBoss.Job<DeliverJob>[]) {
  const boss = await startJobs({ workers: false });
  const outcomes = await deliverAttempts(jobs.map((j) => j.data));
  const next: DueDelivery[] = [];
  for (const { data } of jobs) {
    const outcome = outcomes.get(data.deliveryId);
    if (outcome?.kind === "throttled") next.push({ deliveryId: data.deliveryId, attempt: data.attempt, startAfter: outcome.nextAttemptAt });
    if (outcome?.kind === "retrying" && outcome.nextAttemptAt)
      next.push({ deliveryId: data.deliveryId, attempt: data.attempt + 1, startAfter: outcome.nextAttemptAt });
  }
  await enqueue(boss, next);
}

export const WEBHOOK_JOBS: JobDefinition[] = [
  {
    queue: WEBHOOK_QUEUES.pump,
    cron: "* * * * *",
    // One pump queued and one running at most: wake-ups while one is queued fold into it.
    queueOptions: { policy: "stately" },
    workOptions: { pollingIntervalSeconds: 0.5 },
    handler: pump,
  },
  {
    queue: WEBHOOK_QUEUES.deliver,
    // An attempt takes at most 15 s; a job still active after a minute lost its worker.
    // pg-boss waits out the polling interval after every batch, so throughput per process is
    // about concurrency × batch size per half second: big batches, worked in parallel.
    queueOptions: { expireInSeconds: 60, retryLimit: 5, retryDelay: 5 },
    workOptions: { pollingIntervalSeconds: 0.5, batchSize: 50 },
    concurrency: 4,
    handler: deliver as PgBoss.WorkHandler<object>,
  },
];
