import type { oauthConnections, oauthRefreshEvents } from "@/db/schema";

type ConnectionRow = typeof oauthConnections.$inferSelect;

/** The connection as admins and API callers see it: state and dates, never a token. */
export function connectionView(row: ConnectionRow | null) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    status: row?.status ?? "disconnected",
    status_reason: row?.statusReason ?? null,
    grant_type: row?.grantType ?? null,
    account: row?.accountLabel ?? null,
    scopes: row?.scopes ?? [],
    has_refresh_token: row?.hasRefreshToken ?? false,
    expires_at: iso(row?.expiresAt ?? null),
    connected_at: iso(row?.connectedAt ?? null),
    last_refreshed_at: iso(row?.lastRefreshedAt ?? null),
    last_failure: row?.lastFailureAt ? { at: row.lastFailureAt.toISOString(), reason: row.lastFailureReason } : null,
  };
}
export type ConnectionView = ReturnType<typeof connectionView>;

export function refreshEventView(row: typeof oauthRefreshEvents.$inferSelect) {
  return { id: row.id, trigger: row.trigger, success: row.success, reason: row.reason, created_at: row.createdAt.toISOString() };
}
export type RefreshEventView = ReturnType<typeof refreshEventView>;
