/** Waits after each failed attempt, in seconds: after the first, 5 s; after the seventh, 10 h; then the message has failed. */
export const RETRY_DELAYS_SECONDS = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;
export const JITTER = 0.2;
export const ATTEMPT_TIMEOUT_MS = 15_000;
/** An endpoint whose every attempt has failed for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600 * 1000;
/** A failing endpoint's owners hear about it once it has failed for this long. */
export const WARN_AFTER_MS = 24 * 3600 * 1000;

/**
 * Seconds to wait before the next attempt, or null when `failedInRound` attempts of this round
 * have all failed and no retry is left. A 429 or 503 with Retry-After is honoured within 1–2×
 * the scheduled wait, so a subscriber can slow Patchbay down but not stall or hammer it.
 */
export function nextDelaySeconds(
  failedInRound: number,
  retryAfterSeconds: number | null,
  random: () => number = Math.random,
): number | null {
  const base = RETRY_DELAYS_SECONDS[failedInRound - 1];
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
