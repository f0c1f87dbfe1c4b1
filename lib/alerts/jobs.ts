import type PgBoss from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/definition";
import { deliverDueNotifications } from "./deliver";
import { runAlertSchedule } from "./schedule";

export const ALERT_QUEUES = { pump: "alerts.pump" } as const;

const PUMP_RUN_MS = 5_000;

/**
 * Delivers due notifications (looping while there are more, for a few seconds at most), then
 * reminders and digests, and asks to run again: at once with work left, in two seconds if not.
 * Routing itself needs no job: it happens in the outbox dispatch.
 */
async function pump(boss: PgBoss) {
  const until = Date.now() + PUMP_RUN_MS;
  let more = true;
  while (more && Date.now() < until) more = (await deliverDueNotifications()) > 0;
  await runAlertSchedule();
  await boss.send(ALERT_QUEUES.pump, {}, { startAfter: more ? 0 : 2 });
}

export const ALERT_JOBS: JobDefinition[] = [
  {
    queue: ALERT_QUEUES.pump,
    cron: "* * * * *",
    // As the webhook pump: one queued and one running at most; a pump lost with its worker expires and is retried.
    queueOptions: { policy: "stately", expireInSeconds: 60, retryLimit: 3, retryDelay: 0 },
    workOptions: { pollingIntervalSeconds: 1 },
    handler: (_jobs, boss) => pump(boss),
    start: async (boss) => {
      await boss.send(ALERT_QUEUES.pump, {});
    },
  },
];
