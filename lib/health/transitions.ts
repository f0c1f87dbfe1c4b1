import type { CheckOutcome, HealthStatus } from "@/db/schema/health";
import { p95Of } from "./histogram";

export const LATENCY_WINDOW = 10;
/** Fewer successful samples than this say nothing reliable about p95. */
export const LATENCY_MIN_SAMPLES = 5;

export type Thresholds = {
  failuresToDegraded: number;
  failuresToDown: number;
  successesToRecover: number;
  latencyThresholdMs: number;
};

export const DEFAULT_THRESHOLDS: Thresholds = { failuresToDegraded: 1, failuresToDown: 3, successesToRecover: 2, latencyThresholdMs: 2000 };

export type HealthMemory = {
  status: HealthStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
  recentLatenciesMs: number[];
};

export type Observation = { outcome: CheckOutcome; responseTimeMs: number | null; error: string | null };

export type Transition = { from: HealthStatus; to: HealthStatus; reason: string };

function failureReason(obs: Observation, failures: number): string {
  const what = obs.outcome === "timeout" ? "timed out" : "failed";
  const detail = obs.error ? `: ${obs.error}` : "";
  return failures === 1 ? `The check ${what}${detail}` : `${failures} checks in a row ${what}${detail}`;
}

/**
 * The status rules: DEGRADED after `failuresToDegraded` failures or when p95 of the last 10
 * successful checks exceeds the latency threshold; DOWN after `failuresToDown` failures in a
 * row; out of DEGRADED/DOWN only after `successesToRecover` successes in a row.
 */
export function nextHealth(memory: HealthMemory, obs: Observation, t: Thresholds): { memory: HealthMemory; transition: Transition | null } {
  const from = memory.status;
  let to: HealthStatus = from;
  let reason = "";
  if (obs.outcome !== "success") {
    const failures = memory.consecutiveFailures + 1;
    const next: HealthMemory = { ...memory, consecutiveFailures: failures, consecutiveSuccesses: 0 };
    if (failures >= t.failuresToDown) to = "DOWN";
    else if (failures >= t.failuresToDegraded && from !== "DOWN") to = "DEGRADED";
    reason = failureReason(obs, failures);
    next.status = to;
    return { memory: next, transition: to === from ? null : { from, to, reason } };
  }

  const latencies =
    obs.responseTimeMs === null ? memory.recentLatenciesMs : [...memory.recentLatenciesMs, obs.responseTimeMs].slice(-LATENCY_WINDOW);
  const successes = memory.consecutiveSuccesses + 1;
  const p95 = latencies.length >= LATENCY_MIN_SAMPLES ? p95Of(latencies) : null;
  const slow = p95 !== null && p95 > t.latencyThresholdMs;
  const next: HealthMemory = { status: from, consecutiveFailures: 0, consecutiveSuccesses: successes, recentLatenciesMs: latencies };
  const latencyReason = `p95 latency of the last ${latencies.length} checks is ${p95} ms, over the ${t.latencyThresholdMs} ms threshold`;

  if (from === "UNKNOWN") {
    to = slow ? "DEGRADED" : "HEALTHY";
    reason = slow ? latencyReason : "The first check succeeded";
  } else if (from === "HEALTHY" && slow) {
    to = "DEGRADED";
    reason = latencyReason;
  } else if ((from === "DOWN" || from === "DEGRADED") && successes >= t.successesToRecover) {
    to = slow ? "DEGRADED" : "HEALTHY";
    reason = slow ? `Checks succeed again, but ${latencyReason}` : `${successes} checks in a row succeeded`;
  }
  next.status = to;
  return { memory: next, transition: to === from ? null : { from, to, reason } };
}
