import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { integrations } from "@/db/schema";
import type { ConnectionStatus } from "./schema";

/** What happened that says something about whether the integration's credentials work. */
export type ConnectionEvent =
  | { kind: "credentials_replaced" }
  | { kind: "test"; success: boolean }
  | { kind: "authorized" }
  | { kind: "authorization_failed" }
  | { kind: "refresh_failed"; grantGone: boolean }
  | { kind: "refused"; authType: string }
  | { kind: "disconnected" };

/**
 * Every rule for `integrations.connection_status`, in one place. A new integration starts
 * `pending` (the column default): nothing has proved its credentials yet.
 */
export function nextConnectionStatus(current: ConnectionStatus, event: ConnectionEvent): ConnectionStatus {
  switch (event.kind) {
    // New credentials are unproven, whatever the old ones achieved: back to pending until a test or a connect.
    case "credentials_replaced":
      return "pending";
    // A test that ran is the whole path (host, credentials, token) working or not. Tests that could not run
    // (no endpoint, no credentials, no usable OAuth token) never get here, so disconnected and expired stay.
    case "test":
      return event.success ? "connected" : "error";
    // The provider issued tokens: the grant works.
    case "authorized":
      return "connected";
    // A cancelled or failed authorization leaves a working connection alone: its tokens are untouched.
    case "authorization_failed":
      return current === "connected" ? current : "error";
    // invalid_grant (or no refresh token left for an expired access token): only a new consent helps.
    // Any other refused refresh (wrong client secret, bad scope) is an error; transient failures are not reported.
    // A successful refresh is not an event: a fresh token says nothing about the host or the scopes a failed test found.
    case "refresh_failed":
      return event.grantGone ? "expired" : "error";
    // A sync's call answered 401: an OAuth grant the provider no longer honours needs a new consent; other credentials need replacing.
    case "refused":
      return event.authType === "oauth2" ? "expired" : "error";
    // The admin ended the grant; tokens are gone here and, where the provider allows, there too.
    case "disconnected":
      return "disconnected";
  }
}

/** Applies an event to the stored status inside the caller's transaction; answers the status now stored. */
export async function recordConnectionEvent(tx: Db, integrationId: string, event: ConnectionEvent): Promise<ConnectionStatus | null> {
  const [row] = await tx
    .select({ status: integrations.connectionStatus })
    .from(integrations)
    .where(eq(integrations.id, integrationId))
    .for("update");
  if (!row) return null;
  const next = nextConnectionStatus(row.status, event);
  // What Patchbay observed is not an edit of the integration, so updated_at stays the admin's last change.
  if (next !== row.status)
    await tx
      .update(integrations)
      .set({ connectionStatus: next, updatedAt: sql`${integrations.updatedAt}` })
      .where(eq(integrations.id, integrationId));
  return next;
}
