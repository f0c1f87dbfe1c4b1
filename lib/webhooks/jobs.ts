import type PgBoss from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/definition";
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
 * A pump run stops looping after this long and hands over to the next run, so a run is always
 * far shorter than its expiry: a pump lost with a killed worker blocks the stately queue only
 * until that expiry, never a live one.
 */
const PUMP_RUN_MS = 5_000;
const PUMP_EXPIRE_SECONDS = 15;

/**
 * One pass of the pump: new outbox events become deliveries, and due deliveries without a live
 * job (test events, resends, jobs lost with a dead worker) get one. Loops while there is work
 * (for a few seconds at most), then asks to run again: at once if work is left, shortly if not,
 * so a quiet system costs one cheap query a second.
 */
async function pump(boss: PgBoss) {
  const until = Date.now() + PUMP_RUN_MS;
  let more = true;
  while (more && Date.now() < until) {
    const now = new Date();
    const dispatched = await dispatchOutbox(now);
    await enqueue(boss, dispatched.deliveries);
    const due = await takeDueDeliveries(now);
    await enqueue(boss, due);
    more = dispatched.events > 0 || due.length > 0;
  }
  await boss.send(WEBHOOK_QUEUES.pump, {}, { startAfter: more ? 0 : 1 });
}

async function deliver(jobs: PgBoss.Job<DeliverJob>[], boss: PgBoss) {
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
    // One pump queued and one running at most: wake-ups while one is queued fold into it. A pump
    // whose worker died is failed at its expiry and retried, which frees the running slot.
    queueOptions: { policy: "stately", expireInSeconds: PUMP_EXPIRE_SECONDS, retryLimit: 3, retryDelay: 0 },
    workOptions: { pollingIntervalSeconds: 0.5 },
    handler: (_jobs, boss) => pump(boss),
    start: async (boss) => {
      await boss.send(WEBHOOK_QUEUES.pump, {});
    },
  },
  {
    queue: WEBHOOK_QUEUES.deliver,
    // An attempt takes at most 15 s; a job still active after 30 s lost its worker. Its retry
    // comes after the attempt's lease (30 s from the claim) ran out, so it makes the attempt
    // again rather than finding it claimed. pg-boss waits out the polling interval after every
    // batch, so throughput per process is about concurrency × batch size per half second: big
    // batches, worked in parallel.
    queueOptions: { expireInSeconds: 30, retryLimit: 5, retryDelay: 5 },
    workOptions: { pollingIntervalSeconds: 0.5, batchSize: 50 },
    concurrency: 4,
    handler: deliver as PgBoss.WorkHandler<object>,
  },
];
