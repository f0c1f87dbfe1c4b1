import type { listApiKeys } from "./keys";

type ListedKey = Awaited<ReturnType<typeof listApiKeys>>[number];

/** The REST shape of a key: never the secret, never its hash. */
export function serializeApiKey(k: ListedKey) {
  return {
    id: k.id,
    name: k.name,
    notes: k.notes,
    prefix: k.prefix,
    mode: k.mode,
    state: k.state,
    scopes: k.scopes,
    ip_allowlist: k.ipAllowlist,
    rate_limit_per_minute: k.rateLimitPerMinute,
    rate_limit_per_hour: k.rateLimitPerHour,
    rotation_frequency_days: k.rotationFrequencyDays,
    rotation_due: k.rotationDue,
    total_requests: k.totalRequests,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    last_used_ip: k.lastUsedIp,
    expires_at: k.expiresAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
