import { z } from "zod";
import { SCOPES } from "@/lib/api-keys/scopes";
import { CLIENT_TYPES, createOAuthClientSchema, GRANT_TYPES, updateOAuthClientSchema } from "@/lib/oauth-server/schema";
import type { Operation } from "./operations";

const clientSchema = z.object({
  id: z.uuid(),
  client_id: z.string(),
  name: z.string(),
  type: z.enum(CLIENT_TYPES),
  redirect_uris: z.array(z.string()),
  scopes: z.array(z.enum(SCOPES)),
  grant_types: z.array(z.enum(GRANT_TYPES)),
  rate_limit_per_minute: z.number().int(),
  rate_limit_per_hour: z.number().int(),
  secret_hint: z.string().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
  secret_rotated_at: z.iso.datetime().nullable(),
});
const listedClientSchema = clientSchema.extend({
  used_scopes: z.array(z.enum(SCOPES)),
  unused_scopes: z.array(z.enum(SCOPES)),
});
const withSecretSchema = clientSchema.extend({ client_secret: z.string().nullable() });

const client = {
  id: "5b2d8f0e-1c3a-4e6b-9d7f-2a4c6e8b0d13",
  client_id: "pbo_client_7Hq2LmX9pR4sT1vW8yZ3",
  name: "Reporting dashboard",
  type: "confidential",
  redirect_uris: ["https://reports.example.com/oauth/callback"],
  scopes: ["integrations:read", "webhooks:read"],
  grant_types: ["authorization_code", "refresh_token"],
  rate_limit_per_minute: 600,
  rate_limit_per_hour: 20000,
  secret_hint: "…x9Qa",
  created_at: "2026-11-01T09:00:00.000Z",
  updated_at: "2026-11-01T09:00:00.000Z",
  secret_rotated_at: null,
};
const SECRET = "pbo_cs_Xk2m9QvB4tR7wL1pZ8sN3yD6hJ0aFqE5u9GcT2x9Qa";
const ERRORS = [401, 403, 404, 429];

export const OAUTH_SERVER_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/oauth-clients",
    summary: "List OAuth apps",
    description:
      "Apps registered to call this API with OAuth 2.0 access tokens. `used_scopes` are the scopes its tokens were used for in the last 30 days; " +
      "`unused_scopes` (for apps older than 30 days) are the ones it never used, candidates for narrowing.",
    scope: "api_keys:write",
    success: {
      status: 200,
      description: "The organisation's OAuth apps, newest first.",
      schema: z.object({ data: z.array(listedClientSchema), next_cursor: z.null() }),
      example: { data: [{ ...client, used_scopes: ["integrations:read"], unused_scopes: ["webhooks:read"] }], next_cursor: null },
    },
    errors: [401, 403, 429],
  },
  {
    method: "post",
    path: "/oauth-clients",
    summary: "Register an OAuth app",
    description:
      "Redirect URIs match exactly and must be https (http only on loopback). A confidential client's `client_secret` is in this answer once and stored only hashed; " +
      "public clients (no secret) use the authorization code grant with PKCE.",
    scope: "api_keys:write",
    body: {
      schema: createOAuthClientSchema,
      example: {
        name: "Reporting dashboard",
        type: "confidential",
        redirect_uris: ["https://reports.example.com/oauth/callback"],
        scopes: ["integrations:read", "webhooks:read"],
        grant_types: ["authorization_code", "refresh_token"],
      },
    },
    success: {
      status: 201,
      description: "The app, with its secret (shown once).",
      schema: withSecretSchema,
      example: { ...client, client_secret: SECRET },
    },
    errors: [401, 403, 409, 429],
  },
  {
    method: "get",
    path: "/oauth-clients/{id}",
    summary: "An OAuth app",
    scope: "api_keys:write",
    success: { status: 200, description: "The app.", schema: clientSchema, example: client },
    errors: ERRORS,
  },
  {
    method: "patch",
    path: "/oauth-clients/{id}",
    summary: "Change an OAuth app",
    description: "Takes effect at once on every instance: tokens already issued carry at most the app's new scopes.",
    scope: "api_keys:write",
    body: { schema: updateOAuthClientSchema, example: { scopes: ["integrations:read"] } },
    success: {
      status: 200,
      description: "The app as changed.",
      schema: clientSchema,
      example: { ...client, scopes: ["integrations:read"] },
    },
    errors: ERRORS,
  },
  {
    method: "delete",
    path: "/oauth-clients/{id}",
    summary: "Delete an OAuth app",
    description: "Every grant and token the app holds, in any organisation, stops working at once.",
    scope: "api_keys:write",
    success: { status: 204, description: "Deleted." },
    errors: ERRORS,
  },
  {
    method: "post",
    path: "/oauth-clients/{id}/rotate-secret",
    summary: "Rotate an OAuth app's secret",
    description:
      "The old secret, and the client_credentials tokens it obtained, stop working at once. The new secret is in this answer once.",
    scope: "api_keys:write",
    success: {
      status: 200,
      description: "The app with its new secret.",
      schema: withSecretSchema,
      example: { ...client, client_secret: SECRET },
    },
    errors: [401, 403, 404, 422, 429],
  },
];
