import type { ProviderRateLimit } from "@/lib/providers";

/**
 * A token bucket per integration, filled at the provider's documented rate (its catalog entry's
 * `rateLimit`), so tests, health checks and syncs of one integration together stay under it.
 * The bucket lives in this process: with N processes calling the same integration, each has the
 * whole budget. Sharing it through lib/rate-limit would cost a database write per outbound call,
 * which the usage counters exist to avoid; health checks, the bulk of the calls, run one per
 * integration at a time on whichever worker claimed them, so per process is close enough.
 */
type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();

/** How long a call waits for a token before it is refused rather than sent. */
export const MAX_WAIT_MS = 5_000;

/**
 * Takes a token, waiting for it when the bucket is empty. A caller is given its slot at once
 * (the bucket may go below zero), so waiters go out in the order they asked. False, and no
 * token taken, when the wait would be longer than `maxWaitMs`.
 */
export async function takeToken(key: string, limit: ProviderRateLimit, maxWaitMs = MAX_WAIT_MS): Promise<boolean> {
  const now = Date.now();
  const perMs = limit.requests / (limit.perSeconds * 1000);
  const bucket = buckets.get(key) ?? { tokens: limit.requests, at: now };
  const tokens = Math.min(limit.requests, bucket.tokens + (now - bucket.at) * perMs);
  const waitMs = tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perMs);
  if (waitMs > maxWaitMs) {
    buckets.set(key, { tokens, at: now });
    return false;
  }
  buckets.set(key, { tokens: tokens - 1, at: now });
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  return true;
}
