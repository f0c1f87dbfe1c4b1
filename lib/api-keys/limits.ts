import { emitEvent } from "@/lib/audit";
import { consumeLeasedAll, hitLimit, type LimitState } from "@/lib/rate-limit";
import type { AuthenticatedKey } from "./keys";
import { recordKeyRateLimited } from "./usage";

export type KeyLimitVerdict = { allowed: boolean; state: LimitState };

/**
 * Counts the request against the key's per-minute and per-hour windows (shared by every
 * app instance through Postgres, served from leased blocks) and reports the tighter of the two.
 * Only admitted requests count: one refused by either window spends neither.
 */
export async function consumeKeyLimits(key: AuthenticatedKey, now = new Date()): Promise<KeyLimitVerdict> {
  const { states, over } = await consumeLeasedAll(
    [
      { key: `apikey:${key.keyId}:minute`, rule: { limit: key.rateLimitPerMinute, windowSeconds: 60 } },
      { key: `apikey:${key.keyId}:hour`, rule: { limit: key.rateLimitPerHour, windowSeconds: 3600 } },
    ],
    now,
  );
  if (over) {
    const notice = await hitLimit(`apikey:${key.keyId}:limited-event`, { limit: 1, windowSeconds: 3600 }, 1, now);
    recordKeyRateLimited(key.keyId, now);
    if (notice.count === 1) {
      await emitEvent(key.tenant.id, "api_key.rate_limited", {
        id: key.keyId,
        name: key.keyName,
        limit: over.limit,
        reset_at: over.resetAt.toISOString(),
      });
    }
    return { allowed: false, state: { ...over, remaining: 0 } };
  }
  return { allowed: true, state: states.reduce((tightest, s) => (s.remaining < tightest.remaining ? s : tightest)) };
}
