import { describe, expect, it } from "vitest";
import { BUCKET_COUNT, addSample, emptyBuckets, mergeBuckets, percentile } from "./histogram";
import { DEFAULT_THRESHOLDS, nextHealth, type HealthMemory, type Observation } from "./transitions";

const ok = (ms = 50): Observation => ({ outcome: "success", responseTimeMs: ms, error: null });
const bad: Observation = { outcome: "failure", responseTimeMs: 20, error: "The provider answered with an error (503)." };
const timeout: Observation = { outcome: "timeout", responseTimeMs: 10_000, error: "No complete answer within 10 s." };

function run(observations: Observation[], start: HealthMemory["status"] = "UNKNOWN") {
  let memory: HealthMemory = { status: start, consecutiveFailures: 0, consecutiveSuccesses: 0, recentLatenciesMs: [] };
  const statuses: string[] = [];
  const reasons: string[] = [];
  for (const obs of observations) {
    const next = nextHealth(memory, obs, DEFAULT_THRESHOLDS);
    memory = next.memory;
    statuses.push(memory.status);
    if (next.transition) reasons.push(`${next.transition.from}→${next.transition.to}: ${next.transition.reason}`);
  }
  return { statuses, reasons, memory };
}

describe("health status rules", () => {
  it("is HEALTHY after a first success, DEGRADED after one failure and DOWN after three in a row", () => {
    const { statuses, reasons } = run([ok(), bad, bad, timeout, bad]);
    expect(statuses).toEqual(["HEALTHY", "DEGRADED", "DEGRADED", "DOWN", "DOWN"]);
    expect(reasons).toEqual([
      "UNKNOWN→HEALTHY: The first check succeeded",
      "HEALTHY→DEGRADED: The check failed: The provider answered with an error (503).",
      "DEGRADED→DOWN: 3 checks in a row timed out: No complete answer within 10 s.",
    ]);
  });

  it("recovers only after two successes in a row, and a failure in between starts the count again", () => {
    const { statuses } = run([bad, bad, bad, ok(), bad, ok(), ok()], "HEALTHY");
    expect(statuses).toEqual(["DEGRADED", "DEGRADED", "DOWN", "DOWN", "DOWN", "DOWN", "HEALTHY"]);
  });

  it("a single failure from HEALTHY recovers after two successes", () => {
    expect(run([bad, ok(), ok()], "HEALTHY").statuses).toEqual(["DEGRADED", "DEGRADED", "HEALTHY"]);
  });

  it("turns DEGRADED when p95 of the last 10 checks passes the latency threshold, and HEALTHY when it drops back", () => {
    const slow = Array.from({ length: 5 }, () => ok(2500));
    const first = run([...Array.from({ length: 5 }, () => ok(100)), ...slow]);
    // One slow check among six is an outlier (interpolated p95 1900 ms); a second one is a trend.
    expect(first.statuses.slice(0, 6)).toEqual(Array(6).fill("HEALTHY"));
    expect(first.statuses[6]).toBe("DEGRADED");
    expect(first.reasons.at(-1)).toMatch(/p95 latency of the last 7 checks is 2500 ms, over the 2000 ms threshold/);

    // Fast checks push the slow ones out of the last ten; with one left, p95 is back under the threshold.
    let memory = first.memory;
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      memory = nextHealth(memory, ok(100), DEFAULT_THRESHOLDS).memory;
      statuses.push(memory.status);
    }
    expect(statuses.indexOf("HEALTHY")).toBe(8);
  });

  it("does not judge latency on fewer than five samples", () => {
    expect(run([ok(9000), ok(9000), ok(9000), ok(9000)]).statuses).toEqual(Array(4).fill("HEALTHY"));
  });

  it("a DOWN integration that comes back slow recovers to DEGRADED, not HEALTHY", () => {
    const { statuses } = run([...Array.from({ length: 6 }, () => ok(3000)), bad, bad, bad, ok(3000), ok(3000)], "HEALTHY");
    expect(statuses.slice(-3)).toEqual(["DOWN", "DOWN", "DEGRADED"]);
  });
});

describe("latency histograms", () => {
  it("merge by adding counts, and answer percentiles within a bucket, never above the maximum seen", () => {
    const a = emptyBuckets();
    const b = emptyBuckets();
    for (const ms of [3, 8, 40, 40, 90]) addSample(a, ms);
    for (const ms of [120, 140, 900, 1200, 4000]) addSample(b, ms);
    const merged = mergeBuckets(emptyBuckets(), a);
    mergeBuckets(merged, b);
    expect(merged).toHaveLength(BUCKET_COUNT);
    expect(merged.reduce((s, n) => s + n, 0)).toBe(10);
    // 10 samples: the median falls at the 5th (90 ms, bucket 75–100) and p95 near the 10th (4000 ms, bucket 3000–5000).
    expect(percentile(merged, 0.5, 4000)).toBe(100);
    expect(percentile(merged, 0.95, 4000)).toBe(4000);
    expect(percentile(merged, 0.95, 3500)).toBe(3500);
    expect(percentile(emptyBuckets(), 0.5, 0)).toBeNull();
  });
});
