import { createIntegrationSchema, listIntegrationsSchema, listRequestLogsSchema, patchIntegrationSchema } from "@/lib/integrations/schema";
import type { Operation } from "./operations";

const ID = "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
const integration = {
  id: ID,
  name: "Stripe (production)",
  provider: "stripe",
  provider_name: "Stripe",
  category: "payments",
  category_label: "Payments",
  environment: "production",
  auth_type: "bearer",
  base_url: "https://api.stripe.com",
  config: { status_endpoint: "/v1/balance", update_method: "polling", polling_interval_seconds: 30, timeout_seconds: 10, retry_count: 2 },
  status: "enabled",
  health_status: "UNKNOWN",
  connection_status: "connected",
  has_credentials: true,
  credentials_hint: "••••4242",
  usage: {
    total_requests: 2882,
    failed_requests: 3,
    success_rate: 99.9,
    by_source: { test: { requests: 2, failed: 1 }, health: { requests: 2878, failed: 2 }, oauth: { requests: 2, failed: 0 } },
  },
  created_at: "2026-11-20T10:00:00.000Z",
  updated_at: "2026-11-22T08:30:00.000Z",
};
// The documented body is the https-only one; private-network deployments also accept http.
const schemaOptions = { allowHttp: false };

export const INTEGRATION_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/providers",
    summary: "The provider catalog",
    description:
      "Every provider Patchbay can connect to, with its auth modes and credential fields. `sandbox_base_url` is the provider's test host, " +
      "which an integration created in the `sandbox` environment gets unless the body names a `base_url`; `sandbox_oauth` holds the test " +
      "environment's OAuth endpoints where they differ. Providers without a test host say how test mode works in `sandbox_note` (usually a test key).",
    scope: null,
    success: {
      status: 200,
      description: "The catalog.",
      example: {
        data: [
          {
            key: "stripe",
            name: "Stripe",
            category: "payments",
            auth_modes: ["api_key"],
            default_base_url: "https://api.stripe.com",
            sandbox_base_url: null,
            sandbox_oauth: null,
            sandbox_note: "Stripe has no sandbox host: test mode is a test key (sk_test_…) on https://api.stripe.com.",
          },
          {
            key: "paypal",
            name: "PayPal",
            category: "payments",
            auth_modes: ["oauth2"],
            default_base_url: "https://api-m.paypal.com",
            sandbox_base_url: "https://api-m.sandbox.paypal.com",
            sandbox_oauth: {
              authorize_url: "https://www.sandbox.paypal.com/signin/authorize",
              token_url: "https://api-m.sandbox.paypal.com/v1/oauth2/token",
              revoke_url: null,
            },
            sandbox_note: null,
          },
        ],
      },
    },
    errors: [401, 403, 429],
  },
  {
    method: "get",
    path: "/integrations",
    summary: "List integrations",
    description:
      "`connection_status` says whether the credentials or OAuth grant work: `pending` (not yet proved by a test or a connect), " +
      "`connected`, `disconnected` (OAuth tokens revoked), `error` (the last test or token call failed) or `expired` " +
      "(the provider refused the refresh: reconnect). Filter with `?connection_status=`.",
    scope: "integrations:read",
    query: listIntegrationsSchema,
    success: { status: 200, description: "A page of integrations.", example: { data: [integration], next_cursor: null } },
    errors: [401, 403, 422, 429],
  },
  {
    method: "post",
    path: "/integrations",
    summary: "Create an integration",
    description:
      "Credentials are write-only: encrypted at rest and never returned, only `has_credentials` and a masked hint. " +
      "Without `base_url`, the integration gets the provider's host: in the `sandbox` environment its `sandbox_base_url` where it has one. " +
      "It starts with `connection_status` `pending`.",
    scope: "integrations:write",
    body: {
      schema: createIntegrationSchema(schemaOptions),
      example: {
        name: "Stripe (production)",
        provider: "stripe",
        environment: "production",
        auth_type: "bearer",
        base_url: "https://api.stripe.com",
        credentials: { token: "sk_live_…" },
      },
    },
    success: { status: 201, description: "The integration.", example: integration },
    errors: [400, 401, 403, 409, 422, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}",
    summary: "Get an integration",
    scope: "integrations:read",
    success: { status: 200, description: "The integration.", example: integration },
    errors: [401, 403, 404, 429],
  },
  {
    method: "patch",
    path: "/integrations/{id}",
    summary: "Change an integration",
    description:
      "Only the fields sent change; `credentials` replaces the stored ones. In `config`, a key sent as `null` removes the saved value (JSON merge patch).",
    scope: "integrations:write",
    body: { schema: patchIntegrationSchema(schemaOptions), example: { name: "Stripe (live)", config: { polling_interval_seconds: 30 } } },
    success: { status: 200, description: "The changed integration.", example: integration },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: "delete",
    path: "/integrations/{id}",
    summary: "Delete an integration",
    scope: "integrations:write",
    success: { status: 204, description: "Deleted." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/integrations/{id}/test",
    summary: "Test the connection",
    description:
      "Calls the provider's test endpoint for real and reports what came back, mapped to the canonical statuses. `mapped_statuses` and `status_values` (the distinct values found at `status_path`, with counts) are null when the call failed: an error body holds no statuses.",
    scope: "integrations:write",
    success: {
      status: 200,
      description: "The outcome (also when the provider refused).",
      example: {
        success: true,
        status_code: 200,
        response_time_ms: 184,
        error: null,
        sample_data: { units: [{ status: "Available" }] },
        mapped_statuses: { counts: { available: 1 }, unmapped: [] },
        status_values: [{ value: "Available", count: 1 }],
      },
    },
    errors: [401, 403, 404, 409, 424, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/logs",
    summary: "The integration's request log",
    description:
      "Outbound requests, redacted: no secret appears in a URL, header or excerpt. `source` says what made the call: `test` (test connection), `health` (health checks: every failed attempt, and one success per integration and hour), `oauth` (token and revocation calls). `source_id` links a test or health call to its check's `call_id`. `usage` on the integration counts every call, logged or not.",
    scope: "integrations:read",
    query: listRequestLogsSchema,
    success: {
      status: 200,
      description: "A page of log entries, newest first.",
      example: {
        data: [
          {
            id: "a1b2c3d4-0000-4000-8000-000000000001",
            source: "health",
            source_id: "5f0c9a1e-7b2d-4c3a-9e8f-1a2b3c4d5e6f",
            method: "GET",
            url: "https://api.stripe.com/v1/balance",
            status_code: 503,
            duration_ms: 184,
            success: false,
            error: "The provider answered with an error (503). Try again later, or check its status page.",
            created_at: "2026-11-22T08:30:00.000Z",
          },
        ],
        next_cursor: null,
      },
    },
    errors: [401, 403, 404, 422, 429],
  },
];
