import { setTimeout as sleep } from "node:timers/promises";
import { env } from "@/lib/env";
import { isDatabaseUnavailable } from "@/lib/jobs/outage";
import { logError } from "@/lib/log";
import { statusEndpointOf } from "@/lib/integrations/status-endpoint";
import { runCheck, type CheckResult } from "./check";
import { adoptNewIntegrations, claimDueChecks, type ClaimedCheck } from "./claim";
import { markUnmonitored, recordCheckResults } from "./record";

const FLUSH_EVERY_MS = 200;
const FLUSH_BATCH = 250;
const IDLE_POLL_MS = 200;
const ADOPT_EVERY_MS = 5_000;

const RETRY_FIRST_MS = 250;
const RETRY_MAX_MS = 10_000;
/** Tries for a batch that fails for another reason than the database being away (or a lost lock race). */
const OTHER_FAILURE_TRIES = 3;
// Serialization failure and deadlock: the transaction is rolled back whole and may simply run again.
const RETRYABLE_SQLSTATES = new Set(["40001", "40P01"]);

function transient(error: unknown): boolean {
  const code = (((error as { cause?: unknown }).cause ?? error) as { code?: unknown }).code;
  return isDatabaseUnavailable(error) || (typeof code === "string" && RETRYABLE_SQLSTATES.has(code));
}

/**
 * Buffers results and writes them in batches, one batch at a time, so a busy second costs a few
 * statements. A batch that fails is written again with growing pauses: for as long as the
 * database is away (results wait, later ones queue behind), a few times for anything else.
 */
class ResultWriter {
  private buffer: CheckResult[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  written = 0;

  add(result: CheckResult) {
    this.buffer.push(result);
    if (this.buffer.length >= FLUSH_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // Chained, not concurrent: one writer per process keeps lock order and statement count predictable.
    this.running = (this.running ?? Promise.resolve()).then(async () => {
      while (this.buffer.length > 0) await this.write(this.buffer.splice(0, FLUSH_BATCH));
    });
    return this.running;
  }

  private async write(batch: CheckResult[]): Promise<void> {
    for (let tries = 1, wait = RETRY_FIRST_MS; ; tries++, wait = Math.min(wait * 2, RETRY_MAX_MS)) {
      try {
        await recordCheckResults(batch);
        this.written += batch.length;
        return;
      } catch (error) {
        if (tries >= OTHER_FAILURE_TRIES && (this.stopping || !transient(error))) {
          // Drizzle's message carries every parameter; the database's own reason is what helps.
          const cause = (error as { cause?: unknown }).cause ?? error;
          logError("health: writing check results failed", cause, { count: batch.length, tries });
          return;
        }
        await sleep(wait);
      }
    }
  }

  /** From now on a batch the database keeps refusing is given up after a few tries, so a stop ends. */
  close(): Promise<void> {
    this.stopping = true;
    return this.flush();
  }
}

/** The process's share of checking: a bounded pool of checks in flight and the writer behind it. */
export class HealthScheduler {
  private inFlight = 0;
  private wake: (() => void) | null = null;
  private lastAdoptedAt = 0;
  private stopping = false;
  readonly writer = new ResultWriter();
  started = 0;

  constructor(readonly capacity: number) {}

  get free() {
    return this.capacity - this.inFlight;
  }

  private start(claim: ClaimedCheck) {
    this.inFlight += 1;
    this.started += 1;
    runCheck(claim, "schedule", claim.dueAt)
      .catch((error: unknown): CheckResult => {
        logError("health: check crashed", error, { integrationId: claim.integrationId });
        const now = new Date();
        return {
          integrationId: claim.integrationId,
          tenantId: claim.tenantId,
          source: "schedule",
          outcome: "failure",
          statusCode: null,
          responseTimeMs: null,
          error: "The check could not run (for example, the stored credentials could not be read).",
          scheduledAt: claim.dueAt,
          checkedAt: now,
        };
      })
      .then((result) => this.writer.add(result))
      .finally(() => {
        this.inFlight -= 1;
        this.wake?.();
      });
  }

  /** Claims only as many checks as there are free slots, so nothing claimed waits behind a full pool. */
  async runUntil(deadline: number): Promise<void> {
    while (!this.stopping && Date.now() < deadline) {
      if (Date.now() - this.lastAdoptedAt >= ADOPT_EVERY_MS) {
        this.lastAdoptedAt = Date.now();
        await adoptNewIntegrations();
      }
      const free = this.free;
      if (free < Math.max(1, Math.floor(this.capacity / 8))) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, IDLE_POLL_MS);
        });
        this.wake = null;
        continue;
      }
      const claimed = await claimDueChecks(free);
      // A claim still moves its next check on, so an unmonitored one costs one claim per interval.
      const unmonitored: string[] = [];
      for (const claim of claimed) {
        if (!claim.enabled) continue;
        if (statusEndpointOf(claim)) this.start(claim);
        else unmonitored.push(claim.integrationId);
      }
      await markUnmonitored(unmonitored);
      if (claimed.length < free) await sleep(IDLE_POLL_MS);
    }
  }

  /** Lets the checks in flight finish and writes their results. */
  async drain(): Promise<void> {
    while (this.inFlight > 0) await sleep(20);
    await this.writer.flush();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    while (this.inFlight > 0) await sleep(20);
    await this.writer.close();
  }
}

const holder = globalThis as typeof globalThis & { __patchbayHealthScheduler?: HealthScheduler };

export function healthScheduler(): HealthScheduler {
  holder.__patchbayHealthScheduler ??= new HealthScheduler(env().healthConcurrency);
  return holder.__patchbayHealthScheduler;
}

export async function stopHealthScheduler(): Promise<void> {
  const scheduler = holder.__patchbayHealthScheduler;
  holder.__patchbayHealthScheduler = undefined;
  await scheduler?.stop();
}
