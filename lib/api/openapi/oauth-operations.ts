import { connectSchema, refreshTokenSchema } from "@/lib/oauth/schema";
import type { Operation } from "./operations";

const connection = {
  status: "connected",
  status_reason: null,
  grant_type: "authorization_code",
  account: "it-admin@acme.example",
  scopes: ["openid", "offline_access", "accounting.transactions.read"],
  has_refresh_token: true,
  expires_at: "2026-11-23T10:30:00.000Z",
  connected_at: "2026-11-20T09:00:00.000Z",
  last_refreshed_at: "2026-11-23T09:30:00.000Z",
  last_failure: null,
};
const ERRORS = [401, 403, 404, 422, 424, 429];

export const OAUTH_OPERATIONS: Operation[] = [
  {
    method: "post",
    path: "/integrations/{id}/connect",
    summary: "Connect an OAuth2 integration",
    description:
      "For an authorization-code provider, answers the provider's authorize URL (PKCE S256, a single-use state valid for 10 minutes) to open in any browser; " +
      "the provider then redirects to /api/oauth/callback. `scopes` adds to the provider's default scopes. " +
      "For a client-credentials provider, fetches the token at once and answers the connection.",
    scope: "integrations:write",
    body: { schema: connectSchema, example: { scopes: ["accounting.reports.read"] } },
    success: {
      status: 200,
      description: "The URL to send the account owner to, or the connection when no browser is needed.",
      example: {
        authorization_url: "https://login.xero.com/identity/connect/authorize?response_type=code&client_id=…&state=…",
        state: "q3Vb…",
        expires_at: "2026-11-23T09:10:00.000Z",
      },
    },
    errors: [400, 401, 403, 404, 409, 422, 424, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/oauth",
    summary: "The OAuth2 connection",
    description:
      "Status (connected, disconnected, expired), granted scopes, token expiry and the recent refresh history. Tokens are never returned.",
    scope: "integrations:read",
    success: {
      status: 200,
      description: "The connection and its last refreshes, newest first.",
      example: {
        connection,
        profile: {
          grant_type: "authorization_code",
          default_scopes: ["openid", "offline_access", "accounting.transactions.read"],
          revocable: true,
          has_client_credentials: true,
        },
        history: [
          {
            id: "0c9e7d3a-5b1f-4e2a-9c8d-7f6e5d4c3b2a",
            trigger: "scheduled",
            success: true,
            reason: null,
            created_at: "2026-11-23T09:30:00.000Z",
          },
        ],
      },
    },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/integrations/{id}/refresh-token",
    summary: "Refresh the access token",
    description:
      "Refreshes when the token is due (or always with `force`). Concurrent calls share one request to the provider. " +
      "`424` when there is no usable token: not connected, expired (`invalid_grant`: reconnect), or a refresh failed in the last 30 seconds.",
    scope: "integrations:write",
    body: { schema: refreshTokenSchema, example: { force: true } },
    success: { status: 200, description: "The connection after the refresh.", example: { connection } },
    errors: [400, ...ERRORS],
  },
  {
    method: "post",
    path: "/integrations/{id}/disconnect",
    summary: "Disconnect an OAuth2 integration",
    description:
      "Revokes the tokens at the provider (RFC 7009) where it has a revocation endpoint, then deletes them. `revoked` is false when the provider could not be reached; the tokens are deleted here regardless.",
    scope: "integrations:write",
    success: {
      status: 200,
      description: "The disconnected connection.",
      example: {
        connection: { ...connection, status: "disconnected", expires_at: null, has_refresh_token: false },
        revoked: true,
        revocation_error: null,
      },
    },
    errors: [401, 403, 404, 409, 422, 429],
  },
];
