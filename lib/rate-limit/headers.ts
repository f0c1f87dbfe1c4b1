import type { LimitState } from "./fixed-window";

/** The IETF draft's RateLimit-* fields, for every answer a limit was counted on. */
export function rateLimitHeaders(state: LimitState, now = new Date()): Record<string, string> {
  const reset = Math.max(0, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(reset),
  };
}
