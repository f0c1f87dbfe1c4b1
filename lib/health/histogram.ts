/**
 * Latency histogram over fixed bucket bounds. Hourly rollups store one; adding two is adding
 * their counts, so any window's percentiles come from merging hours, exact to a bucket.
 */
export const BUCKET_BOUNDS_MS = [
  5, 10, 25, 50, 75, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 30_000, 60_000,
] as const;
/** One bucket per bound (values up to and including it) and a last one for anything above. */
export const BUCKET_COUNT = BUCKET_BOUNDS_MS.length + 1;

export function emptyBuckets(): number[] {
  return new Array<number>(BUCKET_COUNT).fill(0);
}

export function bucketOf(ms: number): number {
  const index = BUCKET_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? BUCKET_BOUNDS_MS.length : index;
}

export function addSample(buckets: number[], ms: number): number[] {
  buckets[bucketOf(ms)]! += 1;
  return buckets;
}

export function mergeBuckets(into: number[], other: readonly number[]): number[] {
  for (let i = 0; i < BUCKET_COUNT; i++) into[i]! += other[i] ?? 0;
  return into;
}

/**
 * The q-quantile (0..1), interpolated linearly inside its bucket and never above the
 * largest value seen; null without samples.
 */
export function percentile(buckets: readonly number[], q: number, maxMs: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const n = buckets[i] ?? 0;
    if (n === 0) continue;
    if (seen + n >= rank) {
      const low = i === 0 ? 0 : BUCKET_BOUNDS_MS[i - 1]!;
      const high = i < BUCKET_BOUNDS_MS.length ? BUCKET_BOUNDS_MS[i]! : Math.max(maxMs, low);
      const value = low + ((rank - seen) / n) * (high - low);
      return Math.round(Math.min(value, maxMs));
    }
    seen += n;
  }
  return maxMs;
}

/**
 * p95 of a short list of samples (the last few checks), interpolated like percentile_cont:
 * on ten samples nearest-rank would be the maximum, letting one slow check decide.
 */
export function p95Of(samples: readonly number[]): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const position = 0.95 * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return Math.round(sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!));
}
