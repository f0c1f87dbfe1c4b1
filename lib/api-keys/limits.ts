import { emitEvent } from "@/lib/audit";
import { hitLimit, type LimitState } from "@/lib/rate-limit";
import type { AuthenticatedKey } from "./keys";
import { recordKeyRateLimited } from "./usage";

export type KeyLimitVerdict = { allowed: boolean; state: LimitState };

/**
 * Counts the request against the key's per-minute and per-hour windows (shared by every
 * app instance through Postgres) and reports the tighter of the two.
 */
export async function consumeKeyLimits(key: AuthenticatedKey, now = new Date()): Promise<KeyLimitVerdict> {
  const [minute, hour] = await Promise.all([
    hitLimit(`apikey:${key.keyId}:minute`, { limit: key.rateLimitPerMinute, windowSeconds: 60 }, 1, now),
    hitLimit(`apikey:${key.keyId}:hour`, { limit: key.rateLimitPerHour, windowSeconds: 3600 }, 1, now),
  ]);
  // hitLimit counts this request too, so the limit-th request is still allowed.
  const over = [minute, hour].find((s) => s.count > s.limit);
  if (over) {
    const notice = await hitLimit(`apikey:${key.keyId}:limited-event`, { limit: 1, windowSeconds: 3600 }, 1, now);
    recordKeyRateLimited(key.keyId, now);
    if (notice.count === 1) {
      await emitEvent(key.tenant.id, "api_key.rate_limited", { id: key.keyId, name: key.keyName, limit: over.limit, reset_at: over.resetAt.toISOString() });
    }
    return { allowed: false, state: { ...over, remaining: 0 } };
  }
  const tighter = minute.limit - minute.count <= hour.limit - hour.count ? minute : hour;
  return { allowed: true, state: { ...tighter, remaining: Math.max(0, tighter.limit - tighter.count) } };
}

export function rateLimitHeaders(state: LimitState, now = new Date()): Record<string, string> {
  const reset = Math.max(0, Math.ceil((state.resetAt.getTime() - now.getTime()) / 1000));
  return {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(reset),
  };
}
