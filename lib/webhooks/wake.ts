import { startJobs } from "@/lib/jobs/boss";
import { WEBHOOK_QUEUES } from "./queues";

/** Asks a worker to look for due deliveries now rather than at its next scheduled pass. */
export async function wakeDeliveryPump(): Promise<void> {
  const boss = await startJobs({ workers: false });
  await boss.send(WEBHOOK_QUEUES.pump, {});
}
