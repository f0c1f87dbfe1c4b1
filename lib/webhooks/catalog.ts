import { z } from "zod";

// Kept free of server imports: the endpoint form lists these event types too.

export type EventDefinition = { type: string; group: string; description: string; schema: z.ZodType; example: Record<string, unknown> };

const INTEGRATION_ID = "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
const KEY_ID = "3f1c2b9e-8a53-4f7e-9a0d-2b7c5d1e6f40";
const ENDPOINT_ID = "0e5c9a7b-3d21-4f68-b1a4-9c8d7e6f5a43";
const SYNC_RUN_ID = "2c9d8e7f-6a5b-4c3d-9e8f-7a6b5c4d3e2f";
const STREAM_ID = "8f7e6d5c-4b3a-4291-8c7d-6e5f4a3b2c1d";

const integrationRef = { id: z.uuid(), name: z.string(), provider: z.string(), environment: z.enum(["production", "sandbox"]) };
const integrationExample = { id: INTEGRATION_ID, name: "Stripe (production)", provider: "stripe", environment: "production" };
const oauthRef = { id: z.uuid(), name: z.string(), provider: z.string() };
const oauthExample = { id: INTEGRATION_ID, name: "Xero", provider: "xero" };
const keyRef = { id: z.uuid(), name: z.string(), prefix: z.string().optional() };
const keyExample = { id: KEY_ID, name: "Deploy pipeline", prefix: "pb_live_4Fq9TbX2" };
const IMPORT_ID = "9d4b7c1e-2f3a-4b5c-8d6e-7f8091a2b3c4";
const counts = {
  processed: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  conflict: z.number(),
  failed: z.number(),
};
const importRef = { id: z.uuid(), target: z.string(), file_name: z.string(), ...counts };
const importExample = {
  id: IMPORT_ID,
  target: "integrations",
  file_name: "sites.xlsx",
  processed: 300,
  created: 296,
  updated: 2,
  unchanged: 0,
  conflict: 1,
  failed: 1,
};
const endpointRef = { id: z.uuid(), url: z.string(), failing_since: z.iso.datetime() };
const endpointExample = { id: ENDPOINT_ID, url: "https://erp.example.com/patchbay", failing_since: "2026-11-18T09:00:00.000Z" };

export const EVENT_CATALOG: EventDefinition[] = [
  {
    type: "integration.created",
    group: "Integrations",
    description: "An integration was added.",
    schema: z.looseObject({ ...integrationRef, auth_type: z.string(), has_credentials: z.boolean() }),
    example: { ...integrationExample, auth_type: "bearer", has_credentials: true },
  },
  {
    type: "integration.updated",
    group: "Integrations",
    description: "An integration's settings, credentials or status changed.",
    schema: z.looseObject({ ...integrationRef, changed: z.array(z.string()), status: z.enum(["enabled", "disabled"]).optional() }),
    example: { ...integrationExample, changed: ["config"] },
  },
  {
    type: "integration.deleted",
    group: "Integrations",
    description: "An integration was deleted.",
    schema: z.looseObject(integrationRef),
    example: integrationExample,
  },
  {
    type: "integration.connected",
    group: "Integrations",
    description: "An OAuth2 integration was authorised and holds tokens.",
    schema: z.looseObject({
      ...oauthRef,
      grant_type: z.enum(["authorization_code", "client_credentials"]),
      scopes: z.array(z.string()),
      account: z.string().nullable(),
    }),
    example: { ...oauthExample, grant_type: "authorization_code", scopes: ["read_write"], account: "finance@example.com" },
  },
  {
    type: "integration.disconnected",
    group: "Integrations",
    description: "An OAuth2 integration's tokens were deleted (and revoked at the provider where it allows).",
    schema: z.looseObject({ ...oauthRef, revoked: z.boolean(), revocation_error: z.string().optional() }),
    example: { ...oauthExample, revoked: true },
  },
  {
    type: "integration.health.changed",
    group: "Integrations",
    description: "An integration's health moved to another status (UNKNOWN, HEALTHY, DEGRADED, DOWN).",
    schema: z.looseObject({ id: z.uuid(), name: z.string().nullable(), from: z.string(), to: z.string(), reason: z.string() }),
    example: { id: INTEGRATION_ID, name: "Stripe (production)", from: "HEALTHY", to: "DOWN", reason: "3 consecutive failures" },
  },
  {
    type: "integration.token.refresh_failed",
    group: "Integrations",
    description: "The provider refused to refresh an OAuth2 access token; the integration needs reconnecting.",
    schema: z.looseObject({ ...oauthRef, reason: z.string(), status: z.literal("expired") }),
    example: { ...oauthExample, reason: "The provider answered invalid_grant: grant request is invalid", status: "expired" },
  },
  {
    type: "integration.webhook_received",
    group: "Integrations",
    description: "A verified webhook arrived on one of the integration's receiver URLs.",
    schema: z.looseObject({ integration_id: z.uuid(), event_id: z.uuid(), event_type: z.string().nullable() }),
    example: { integration_id: INTEGRATION_ID, event_id: "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", event_type: "payment_intent.succeeded" },
  },
  {
    type: "api_key.created",
    group: "API keys",
    description: "An API key was created.",
    schema: z.looseObject({ ...keyRef, scopes: z.array(z.string()) }),
    example: { ...keyExample, scopes: ["integrations:read"] },
  },
  {
    type: "api_key.rotated",
    group: "API keys",
    description: "An API key was replaced by a new one; the old one stays valid for its grace period.",
    schema: z.looseObject({ ...keyRef, replaces: z.uuid() }),
    example: { ...keyExample, replaces: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d" },
  },
  {
    type: "api_key.revoked",
    group: "API keys",
    description: "An API key was revoked.",
    schema: z.looseObject(keyRef),
    example: keyExample,
  },
  {
    type: "api_key.expiring",
    group: "API keys",
    description: "An API key expires soon.",
    schema: z.looseObject({ ...keyRef, expires_at: z.iso.datetime() }),
    example: { ...keyExample, expires_at: "2026-11-30T23:59:59.999Z" },
  },
  {
    type: "api_key.updated",
    group: "API keys",
    description: "An API key's name, notes, scopes, limits, allowlist or rotation period changed.",
    schema: z.looseObject({ ...keyRef, changed: z.array(z.string()) }),
    example: { ...keyExample, changed: ["scopes"] },
  },
  {
    type: "api_key.rotation_due",
    group: "API keys",
    description: "An API key is older than its rotation period; sent once per period until it is rotated.",
    schema: z.looseObject({ ...keyRef, created_at: z.iso.datetime(), rotation_frequency_days: z.int() }),
    example: { ...keyExample, created_at: "2026-08-25T09:00:00.000Z", rotation_frequency_days: 90 },
  },
  {
    type: "api_key.rate_limited",
    group: "API keys",
    description: "An API key went over one of its rate limits.",
    schema: z.looseObject({ ...keyRef, limit: z.number(), reset_at: z.iso.datetime() }),
    example: { ...keyExample, limit: 600, reset_at: "2026-11-23T09:01:00.000Z" },
  },
  {
    type: "webhook_endpoint.failing",
    group: "Webhooks",
    description: "Every delivery to a webhook endpoint has failed for a day; it is disabled after five.",
    schema: z.looseObject({ ...endpointRef, disables_at: z.iso.datetime() }),
    example: { ...endpointExample, disables_at: "2026-11-23T09:00:00.000Z" },
  },
  {
    type: "webhook_endpoint.disabled",
    group: "Webhooks",
    description: "A webhook endpoint was disabled: it answered 410 Gone, or failed every delivery for five days.",
    schema: z.looseObject({ id: z.uuid(), url: z.string(), reason: z.string() }),
    example: { id: ENDPOINT_ID, url: endpointExample.url, reason: "Every attempt failed for 5 days." },
  },
  ...(["created", "updated", "deleted"] as const).map((action) => ({
    type: `record.${action}`,
    group: "Sync",
    description: `Records of an entity were ${action} by a sync run or an import: one event per run, listing up to 500 external ids.`,
    schema: z.looseObject({
      entity: z.string(),
      run_id: z.uuid(),
      integration_id: z.uuid().nullable(),
      stream_id: z.uuid().nullable(),
      source: z.looseObject({ type: z.enum(["integration", "import"]), id: z.string() }),
      count: z.int(),
      external_ids: z.array(z.string()),
      truncated: z.boolean(),
    }),
    example: {
      entity: "unit",
      run_id: SYNC_RUN_ID,
      integration_id: INTEGRATION_ID,
      stream_id: STREAM_ID,
      source: { type: "integration", id: INTEGRATION_ID },
      count: 2,
      external_ids: ["A-101", "A-102"],
      truncated: false,
    },
  })),
  {
    type: "sync_run.failed",
    group: "Sync",
    description: "A sync run failed (the provider refused or broke off, or the mapping no longer fits); records written before stay.",
    schema: z.looseObject({
      id: z.uuid(),
      integration_id: z.uuid().nullable(),
      stream_id: z.uuid().nullable(),
      entity: z.string(),
      type: z.string(),
      trigger: z.string(),
      reason: z.string().nullable(),
      processed: z.int(),
      failed: z.int(),
    }),
    example: {
      id: SYNC_RUN_ID,
      integration_id: INTEGRATION_ID,
      stream_id: STREAM_ID,
      entity: "unit",
      type: "incremental",
      trigger: "schedule",
      reason: "Page 3: The provider answered with an error (503). Try again later, or check its status page.",
      processed: 2000,
      failed: 0,
    },
  },
  {
    type: "import.completed",
    group: "Imports",
    description: "An import finished: rows created, updated, unchanged, in conflict and failed.",
    schema: z.looseObject(importRef),
    example: importExample,
  },
  {
    type: "import.failed",
    group: "Imports",
    description:
      "An import stopped: an all-or-nothing import rolled back at its first failing row, or its file or mapping could not be read.",
    schema: z.looseObject({ ...importRef, error: z.string() }),
    example: { ...importExample, created: 0, failed: 1, error: "Row 7 failed; with all-or-nothing, nothing was imported." },
  },
  {
    type: "webhook.test",
    group: "Webhooks",
    description: "Sent by “Send test event”; only to the endpoint it was sent from.",
    schema: z.looseObject({ endpoint_id: z.uuid(), message: z.string() }),
    example: { endpoint_id: ENDPOINT_ID, message: "This is a test event from Patchbay." },
  },
  {
    type: "alert.notification",
    group: "Alerts",
    description:
      "An alert (incident opened, updated or resolved, a reminder, a digest, a notice); only to endpoints chosen as alert channels.",
    schema: z.looseObject({
      id: z.uuid(),
      kind: z.enum(["opened", "updated", "resolved", "reminder", "notice", "digest", "test"]),
      subject: z.string(),
      body: z.string(),
      link: z.string().nullable(),
      incident_id: z.uuid().nullable(),
    }),
    example: {
      id: "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
      kind: "opened",
      subject: "Stripe (production) is DOWN",
      body: "Stripe (production) is DOWN: 3 consecutive failures.",
      link: "https://patchbay.example.com/t/acme/integrations/6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
      incident_id: "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
    },
  },
];

export const EVENT_TYPES = EVENT_CATALOG.map((e) => e.type);
export const TEST_EVENT_TYPE = "webhook.test";
export const ALERT_NOTIFICATION_TYPE = "alert.notification";

/** The event types an endpoint can subscribe to; the test event and alerts go only where they are sent. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== TEST_EVENT_TYPE && t !== ALERT_NOTIFICATION_TYPE);

export function eventDefinition(type: string): EventDefinition | undefined {
  return EVENT_CATALOG.find((e) => e.type === type);
}
