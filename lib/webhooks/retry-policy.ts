/** Waits after each failed attempt, in seconds: after the first, 5 s; after the seventh, 10 h; then the message has failed. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
/** The longest wait between two attempts, whatever the policy. */
export const MAX_DELAY_SECONDS = 10 * 3600;
export const MAX_RETRIES_LIMIT = 20;
export const JITTER = 0.2;
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** An endpoint whose every attempt has failed for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
/** A failing endpoint's owners hear about it once it has failed for this long. */
export const WARN_AFTER_MS = 24 * 3600 * 1000;

/** An endpoint's retry settings; null max retries or first delay means the default schedule's. */
export type RetryPolicy = { enabled: boolean; maxRetries: number | null; firstDelaySeconds: number | null };

/**
 * The waits of a policy, one per retry. Disabled: none. Without a first delay: the default
 * schedule, cut at max retries or continued at 10 h. With one: it doubles after each failed
 * retry, capped at 10 h, for max retries (default 7) retries.
 */
export function retrySchedule(policy: RetryPolicy): number[] {
  if (!policy.enabled) return [];
  const retries = policy.maxRetries ?? RETRY_DELAYS_SECONDS.length;
  const first = policy.firstDelaySeconds;
  return Array.from({ length: retries }, (_, i) =>
    first === null ? (RETRY_DELAYS_SECONDS[i] ?? MAX_DELAY_SECONDS) : Math.min(first * 2 ** i, MAX_DELAY_SECONDS),
  );
}

/**
 * Seconds to wait before the next attempt, or null when `failedInRound` attempts of this round
 * have all failed and no retry is left. A 429 or 503 with Retry-After is honoured within 1–2×
 * the scheduled wait, so a subscriber can slow Patchbay down but not stall or hammer it.
 */
export function nextDelaySeconds(
  failedInRound: number,
  retryAfterSeconds: number | null,
  random: () => number = Math.random,
  schedule: readonly number[] = RETRY_DELAYS_SECONDS,
): number | null {
  const base = schedule[failedInRound - 1];
  if (base === undefined) return null;
  if (retryAfterSeconds !== null) return Math.min(Math.max(retryAfterSeconds, base), 2 * base);
  return base * (1 - JITTER + 2 * JITTER * random());
}

/** Retry-After as delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, (date - now.getTime()) / 1000);
}
