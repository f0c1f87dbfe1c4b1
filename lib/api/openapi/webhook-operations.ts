import { HMAC_SIGNATURE_HEADER } from "@/lib/webhooks/endpoint-options";
import { RECEIVER_SCHEME_SPECS } from "@/lib/webhooks/incoming/schemes";
import {
  createEndpointSchema,
  createReceiverSchema,
  listDeliveriesSchema,
  listEndpointsSchema,
  listReceivedEventsSchema,
  patchEndpointSchema,
  replayFailedSchema,
  rotateEndpointSecretSchema,
} from "@/lib/webhooks/schema";
import type { Operation } from "./operations";

const ENDPOINT_ID = "0e5c9a7b-3d21-4f68-b1a4-9c8d7e6f5a43";
const DELIVERY_ID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a";
const endpoint = {
  id: ENDPOINT_ID,
  url: "https://erp.example.com/patchbay",
  description: "ERP sync",
  events: ["integration.health.changed"],
  enabled: true,
  disabled_reason: null,
  header_names: ["X-ERP-Token"],
  rate_limit_per_second: 20,
  http_method: "POST",
  auth_type: "bearer",
  has_auth: true,
  auth_hint: "••••9f3a",
  retry_policy: {
    enabled: true,
    max_retries: null,
    first_delay_seconds: null,
    schedule_seconds: [5, 300, 1800, 7200, 18000, 36000, 36000],
  },
  failing_since: null,
  disables_at: null,
  previous_secret_expires_at: null,
  created_at: "2026-11-20T10:00:00.000Z",
  updated_at: "2026-11-22T08:30:00.000Z",
};
const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const delivery = {
  id: DELIVERY_ID,
  endpoint_id: ENDPOINT_ID,
  webhook_id: "msg_7c2a9e41b3d84f0f9a6e5d4c3b2a1f0e",
  event_type: "integration.health.changed",
  status: "failed",
  attempts: 8,
  next_attempt_at: null,
  last_attempt_at: "2026-11-23T08:00:00.000Z",
  last_status_code: 503,
  created_at: "2026-11-22T06:00:00.000Z",
};
const schemaOptions = { allowHttp: false };
const AUTH_DESCRIPTION =
  "Every delivery is signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). " +
  "`auth_type` adds the endpoint's own auth on top: `basic` (`auth_credentials.username` and `password`, sent as `Authorization: Basic …`), " +
  "`bearer` (`auth_credentials.token`, sent as `Authorization: Bearer …`) or `hmac` (`auth_credentials.secret`, at least 16 characters; " +
  `each delivery carries \`${HMAC_SIGNATURE_HEADER}: sha256=<lowercase hex HMAC-SHA256 of the raw body under that secret>\`). ` +
  "Credentials are write-only, stored encrypted; the read shape has `has_auth` and `auth_hint` only. " +
  "`http_method` is POST (default) or PUT. `retry_policy`: by default 7 retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (±20% jitter); " +
  "`max_retries` (0–20) cuts or extends that schedule (extra retries wait 10 h), `first_delay_seconds` replaces it with that wait doubling after each retry, capped at 10 h; " +
  "`enabled: false` makes one attempt only. `schedule_seconds` in the read shape is the resulting list of waits.";
const RECEIVER_DESCRIPTION = `Schemes: ${RECEIVER_SCHEME_SPECS.map((spec) => spec.doc).join(", ")}. The secret is write-only.`;

export const WEBHOOK_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/webhooks",
    summary: "List webhook endpoints",
    scope: "webhooks:read",
    query: listEndpointsSchema,
    success: { status: 200, description: "A page of endpoints, newest first.", example: { data: [endpoint], next_cursor: null } },
    errors: [401, 403, 422, 429],
  },
  {
    method: "post",
    path: "/webhooks",
    summary: "Create a webhook endpoint",
    description: "The response holds the signing secret once. An empty `events` list subscribes to every event type. " + AUTH_DESCRIPTION,
    scope: "webhooks:write",
    body: {
      schema: createEndpointSchema(schemaOptions),
      example: {
        url: endpoint.url,
        description: "ERP sync",
        events: ["integration.health.changed"],
        headers: { "X-ERP-Token": "…" },
        rate_limit_per_second: 20,
        http_method: "POST",
        auth_type: "bearer",
        auth_credentials: { token: "…" },
        retry_policy: { enabled: true, max_retries: 5, first_delay_seconds: 30 },
      },
    },
    success: { status: 201, description: "The endpoint and its secret, shown once.", example: { ...endpoint, secret } },
    errors: [400, 401, 403, 409, 422, 429],
  },
  {
    method: "get",
    path: "/webhooks/event-types",
    summary: "The event catalog",
    description: "Every event type with its payload schema and an example.",
    scope: "webhooks:read",
    success: {
      status: 200,
      description: "The catalog.",
      example: {
        data: [{ type: "integration.created", group: "Integrations", description: "An integration was added.", schema: {}, example: {} }],
      },
    },
    errors: [401, 403, 429],
  },
  {
    method: "get",
    path: "/webhooks/{id}",
    summary: "Get a webhook endpoint",
    scope: "webhooks:read",
    success: { status: 200, description: "The endpoint.", example: endpoint },
    errors: [401, 403, 404, 429],
  },
  {
    method: "patch",
    path: "/webhooks/{id}",
    summary: "Change a webhook endpoint",
    description:
      "Only the fields sent change; `headers` replaces every custom header and `retry_policy` the whole policy. " +
      "Sending `auth_type` equal to the stored one without `auth_credentials` keeps the stored credentials; another type needs its credentials. " +
      "Enabling a disabled endpoint restarts its failure clock. " +
      AUTH_DESCRIPTION,
    scope: "webhooks:write",
    body: {
      schema: patchEndpointSchema(schemaOptions),
      example: { enabled: true, events: [], auth_type: "hmac", auth_credentials: { secret: "…" }, http_method: "PUT" },
    },
    success: { status: 200, description: "The changed endpoint.", example: endpoint },
    errors: [400, 401, 403, 404, 422, 429],
  },
  {
    method: "delete",
    path: "/webhooks/{id}",
    summary: "Delete a webhook endpoint",
    scope: "webhooks:write",
    success: { status: 204, description: "Deleted, with its delivery history." },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/webhooks/{id}/test",
    summary: "Send a test event",
    description: "Queues a `webhook.test` message to this endpoint only; it is delivered and logged like any other.",
    scope: "webhooks:write",
    success: {
      status: 202,
      description: "The queued delivery.",
      example: { id: DELIVERY_ID, webhook_id: delivery.webhook_id, event_type: "webhook.test" },
    },
    errors: [401, 403, 404, 409, 429],
  },
  {
    method: "post",
    path: "/webhooks/{id}/rotate-secret",
    summary: "Rotate the signing secret",
    description:
      "Returns the new secret once. For the grace period (24 hours unless `grace_period_hours` says otherwise; 0 retires the old secret at once) both secrets sign every delivery (two signatures in `webhook-signature`).",
    scope: "webhooks:write",
    body: { schema: rotateEndpointSecretSchema, example: { grace_period_hours: 24 } },
    success: {
      status: 200,
      description: "The endpoint and its new secret.",
      example: { ...endpoint, secret, previous_secret_expires_at: "2026-11-24T09:00:00.000Z" },
    },
    errors: [401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/webhooks/{id}/deliveries",
    summary: "List an endpoint's deliveries",
    scope: "webhooks:read",
    query: listDeliveriesSchema,
    success: { status: 200, description: "A page of deliveries, newest first.", example: { data: [delivery], next_cursor: null } },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "get",
    path: "/webhooks/{id}/stats",
    summary: "Delivery statistics of an endpoint",
    description:
      "`deliveries`: every delivery so far, by outcome (the rest are pending). `last_delivery`: the most recently attempted one. " +
      "`daily`: attempts per UTC day for the last 7 days, oldest first, today last; `attempts`, `succeeded` and `success_rate` (percent) sum them.",
    scope: "webhooks:read",
    success: {
      status: 200,
      description: "The statistics.",
      example: {
        deliveries: { total: 120, succeeded: 117, failed: 2 },
        last_delivery: { at: "2026-11-23T08:00:00.000Z", status: "succeeded", status_code: 200 },
        attempts: 40,
        succeeded: 38,
        success_rate: 95,
        daily: [
          { day: "2026-11-17", succeeded: 5, failed: 0 },
          { day: "2026-11-18", succeeded: 6, failed: 1 },
          { day: "2026-11-19", succeeded: 4, failed: 0 },
          { day: "2026-11-20", succeeded: 7, failed: 0 },
          { day: "2026-11-21", succeeded: 5, failed: 1 },
          { day: "2026-11-22", succeeded: 6, failed: 0 },
          { day: "2026-11-23", succeeded: 5, failed: 0 },
        ],
      },
    },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/webhooks/{id}/replay-failed",
    summary: "Replay failed deliveries since a moment",
    description: "Sends every failed delivery of the endpoint created since `since` again, with its original webhook-id.",
    scope: "webhooks:write",
    body: { schema: replayFailedSchema, example: { since: "2026-11-22T00:00:00Z" } },
    success: { status: 202, description: "How many deliveries were queued again.", example: { replayed: 12 } },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: "get",
    path: "/webhooks/deliveries/{id}",
    summary: "Get a delivery with its attempts",
    scope: "webhooks:read",
    success: {
      status: 200,
      description: "The delivery, its payload and every attempt.",
      example: {
        ...delivery,
        payload: '{"type":"integration.health.changed",…}',
        attempt_log: [
          {
            attempt: 1,
            started_at: "2026-11-22T06:00:00.000Z",
            duration_ms: 84,
            status_code: 503,
            success: false,
            error_kind: "status",
            error: "Answered 503.",
            response_excerpt: "Service Unavailable",
            request_headers: {
              "X-ERP-Token": "[redacted]",
              "content-type": "application/json",
              "user-agent": "Patchbay-Webhooks/1.0",
              "webhook-id": delivery.webhook_id,
              "webhook-timestamp": "1795327200",
              "webhook-signature": "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
              authorization: "Bearer [redacted]",
            },
            response_headers: { "content-type": "text/plain", "retry-after": "30" },
          },
        ],
      },
    },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/webhooks/deliveries/{id}/retry",
    summary: "Resend a delivery",
    description: "Sends the message again with the same webhook-id, starting the retry schedule over.",
    scope: "webhooks:write",
    success: { status: 202, description: "Queued.", example: { id: DELIVERY_ID, status: "pending" } },
    errors: [401, 403, 404, 409, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/receivers",
    summary: "List an integration's webhook receivers",
    description: "With rejection counts by reason, to debug a provider's set-up.",
    scope: "integrations:read",
    success: {
      status: 200,
      description: "The receivers.",
      example: {
        data: [
          {
            id: DELIVERY_ID,
            integration_id: ENDPOINT_ID,
            url: "https://patchbay.example.com/api/hooks/rcv_…",
            scheme: "stripe",
            header: null,
            encoding: "hex",
            secret_hint: "••••Sw42",
            created_at: "2026-11-20T10:00:00.000Z",
            rejections: [
              {
                reason: "stale_timestamp",
                label: "Timestamp outside the 5-minute tolerance",
                count: 3,
                last_detail: "Timestamp outside the 5-minute tolerance",
                last_at: "2026-11-23T08:00:00.000Z",
              },
            ],
          },
        ],
      },
    },
    errors: [401, 403, 404, 429],
  },
  {
    method: "post",
    path: "/integrations/{id}/receivers",
    summary: "Create a webhook receiver URL",
    description: RECEIVER_DESCRIPTION,
    scope: "integrations:write",
    body: { schema: createReceiverSchema, example: { scheme: "stripe", secret: "whsec_…" } },
    success: {
      status: 201,
      description: "The receiver and its URL.",
      example: { id: DELIVERY_ID, url: "https://patchbay.example.com/api/hooks/rcv_…", scheme: "stripe" },
    },
    errors: [400, 401, 403, 404, 409, 422, 429],
  },
  {
    method: "get",
    path: "/integrations/{id}/events",
    summary: "Webhooks received for an integration",
    description: "Verified events, newest first, each stored once per provider event id.",
    scope: "integrations:read",
    query: listReceivedEventsSchema,
    success: {
      status: 200,
      description: "A page of events.",
      example: {
        data: [
          {
            id: DELIVERY_ID,
            receiver_id: ENDPOINT_ID,
            provider_event_id: "evt_1",
            event_type: "payment_intent.succeeded",
            verified: true,
            received_at: "2026-11-23T08:00:00.000Z",
            payload: '{"id":"evt_1",…}',
          },
        ],
        next_cursor: null,
      },
    },
    errors: [401, 403, 404, 422, 429],
  },
];
