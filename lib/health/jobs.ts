import type PgBoss from "pg-boss";
import type { JobDefinition } from "@/lib/jobs/definition";
import { pruneHealthHistory } from "./retention";
import { healthScheduler, stopHealthScheduler } from "./scheduler";

export const HEALTH_QUEUES = {
  tick: "health.tick",
  prune: "maintenance.prune-health-history",
} as const;

/** Length of one tick: the claim loop one worker runs before the next tick takes over. */
export const TICK_MS = 30_000;
// The next tick becomes available a little before this one ends and this one runs a little
// past its slot, so the hand-over leaves no gap even when another process picks it up.
const LEAD_MS = 2_000;
const OVERLAP_MS = 1_000;

/**
 * Queues the tick for the slot after `now`'s. pg-boss keeps one job per key and singleton
 * slot, so however many ticks or workers try, each slot gets one tick.
 */
async function queueNextTick(boss: PgBoss, now: number) {
  const slot = Math.floor(now / TICK_MS);
  await boss.send(
    HEALTH_QUEUES.tick,
    {},
    {
      singletonKey: "health-tick",
      singletonSeconds: TICK_MS / 1000,
      startAfter: new Date((slot + 1) * TICK_MS - LEAD_MS),
      expireInSeconds: (TICK_MS + 60_000) / 1000,
    },
  );
}

/** One tick: queue the next, then claim and run due checks in this process until the slot ends. */
export async function healthTick(boss: PgBoss): Promise<void> {
  const now = Date.now();
  await queueNextTick(boss, now);
  await healthScheduler().runUntil((Math.floor(now / TICK_MS) + 1) * TICK_MS + OVERLAP_MS);
}

export const HEALTH_JOBS: JobDefinition[] = [
  {
    queue: HEALTH_QUEUES.tick,
    workOptions: { pollingIntervalSeconds: 0.5 },
    handler: (_jobs, boss) => healthTick(boss),
    // A worker that starts begins checking now rather than at the next slot; the separate key
    // keeps this from colliding with (or duplicating) the running chain's next tick.
    start: async (boss) => {
      await boss.send(
        HEALTH_QUEUES.tick,
        {},
        { singletonKey: "health-tick-start", singletonSeconds: TICK_MS / 1000, expireInSeconds: (TICK_MS + 60_000) / 1000 },
      );
    },
    stop: stopHealthScheduler,
  },
  {
    queue: HEALTH_QUEUES.prune,
    cron: "23 3 * * *",
    handler: async () => {
      await pruneHealthHistory();
    },
  },
];
