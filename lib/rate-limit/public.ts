import { clientIp } from "@/lib/http/client-ip";
import { logError } from "@/lib/log";
import { consumeLeased, type Limit } from "./index";
import { rateLimitHeaders } from "./headers";

/**
 * One budget per address for everything anyone may fetch without signing in or a key: the
 * API reference, the OpenAPI document, the sign-in and setup pages, the health check. Generous
 * for people and probes; behind a reverse proxy it needs PATCHBAY_TRUST_PROXY, or every
 * visitor shares the proxy's budget.
 */
export const PUBLIC_PER_IP: Limit = { limit: 600, windowSeconds: 60 };

export type PublicVerdict = { allowed: boolean; headers: Record<string, string> };

export async function limitPublicRequest(headers: Headers, now = new Date()): Promise<PublicVerdict> {
  const ip = clientIp(headers) ?? "unknown";
  try {
    const state = await consumeLeased(`public:${ip}`, PUBLIC_PER_IP, now);
    const fields = rateLimitHeaders(state, now);
    return state.exceeded
      ? { allowed: false, headers: { ...fields, "Retry-After": fields["RateLimit-Reset"]! } }
      : { allowed: true, headers: fields };
  } catch (error) {
    // These pages read nothing private: a limiter that cannot reach the database lets them through.
    logError("public rate limit unavailable", error, { ip });
    return { allowed: true, headers: {} };
  }
}

export const PUBLIC_LIMIT_MESSAGE = "Too many requests from this address; retry after the reset.";
