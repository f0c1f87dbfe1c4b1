import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import type { EndpointAuthType, EndpointHttpMethod } from "@/lib/webhooks/endpoint-options";
import type { ReceiverScheme } from "@/lib/webhooks/incoming/schemes";
import { outboxEvents } from "./audit";
import { createdAt, id, timestamps } from "./columns";
import { integrations } from "./integrations";
import { tenantId } from "./tenancy";
import { tenantIsolation } from "./rls";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    tenantId: tenantId(),
    url: text("url").notNull(),
    description: text("description").notNull().default(""),
    // Empty: every event type.
    events: jsonb("events").$type<string[]>().notNull().default([]),
    enabled: boolean("enabled").notNull().default(true),
    disabledReason: text("disabled_reason"),
    // encryptSecret outputs bound to (tenant, webhook_endpoints, id, field); see WEBHOOK_ENCRYPTED_COLUMNS.
    secret: text("secret").notNull(),
    previousSecret: text("previous_secret"),
    previousSecretExpiresAt: at("previous_secret_expires_at"),
    // Custom headers may carry credentials: stored encrypted, only their names in the clear.
    headers: text("headers"),
    headerNames: jsonb("header_names").$type<string[]>().notNull().default([]),
    rateLimitPerSecond: integer("rate_limit_per_second"),
    httpMethod: text("http_method").$type<EndpointHttpMethod>().notNull().default("POST"),
    authType: text("auth_type").$type<EndpointAuthType>().notNull().default("none"),
    // encryptJson of the basic/bearer/hmac credentials; the hint is what the read shape shows instead.
    authCredentials: text("auth_credentials"),
    authHint: text("auth_hint"),
    retryEnabled: boolean("retry_enabled").notNull().default(true),
    // Null: the default schedule (7 retries, from 5 s); see lib/webhooks/retry-policy.ts.
    maxRetries: integer("max_retries"),
    retryFirstDelaySeconds: integer("retry_first_delay_seconds"),
    // When every attempt since has failed; null after any success.
    failingSince: at("failing_since"),
    failingWarnedAt: at("failing_warned_at"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("webhook_endpoints_tenant_created_idx").on(t.tenantId, t.createdAt),
    check("webhook_endpoints_http_method_check", sql`${t.httpMethod} in ('POST', 'PUT')`),
    check("webhook_endpoints_auth_type_check", sql`${t.authType} in ('none', 'basic', 'bearer', 'hmac')`),
  ],
);

export const webhookMessages = pgTable(
  "webhook_messages",
  {
    id: id(),
    tenantId: tenantId(),
    // The `webhook-id` header: one per message, the same on every attempt and resend.
    webhookId: text("webhook_id").notNull(),
    // Null for test events, which are not outbox events.
    eventId: uuid("event_id").references(() => outboxEvents.id, { onDelete: "set null" }),
    eventType: text("event_type").notNull(),
    // The exact bytes sent, so every attempt signs and sends the same body.
    body: text("body").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("webhook_messages_tenant_idx").on(t.tenantId),
    uniqueIndex("webhook_messages_event_idx").on(t.eventId),
    uniqueIndex("webhook_messages_webhook_id_idx").on(t.webhookId),
    index("webhook_messages_created_idx").on(t.createdAt),
  ],
);

export const DELIVERY_STATUSES = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    tenantId: tenantId(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => webhookMessages.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    status: text("status").$type<DeliveryStatus>().notNull().default("pending"),
    // Attempts whose outcome is recorded; a worker claims attempt `attempts + 1`.
    attempts: integer("attempts").notNull().default(0),
    // Attempts before the current round (a resend starts the retry schedule over).
    roundStart: integer("round_start").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    // Held by the worker making an attempt; a lease that runs out means that worker died.
    leasedUntil: at("leased_until"),
    enqueuedAt: at("enqueued_at"),
    lastAttemptAt: at("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("webhook_deliveries_tenant_idx").on(t.tenantId),
    uniqueIndex("webhook_deliveries_message_endpoint_idx").on(t.messageId, t.endpointId),
    index("webhook_deliveries_endpoint_created_idx").on(t.endpointId, t.createdAt),
    // The live stamp's latest attempt per endpoint (lib/live/stamp.ts), without reading its history.
    index("webhook_deliveries_endpoint_attempted_idx").on(t.endpointId, t.lastAttemptAt),
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    check("webhook_deliveries_status_check", sql`${t.status} in ('pending', 'succeeded', 'failed')`),
  ],
);

export const ATTEMPT_ERRORS = [
  "timeout",
  "dns",
  "refused",
  "tls",
  "network",
  "blocked",
  "too_large",
  "invalid_url",
  "redirects",
  "status",
] as const;

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    tenantId: tenantId(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    startedAt: at("started_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    statusCode: integer("status_code"),
    responseExcerpt: text("response_excerpt"),
    errorKind: text("error_kind"),
    error: text("error"),
    success: boolean("success").notNull(),
    // As sent, with credential values replaced by "[redacted]"; signatures kept, they are not secrets.
    requestHeaders: jsonb("request_headers").$type<Record<string, string>>(),
    // As answered, cookies and anything echoing a secret redacted; null for attempts that got no answer (or predate the column).
    responseHeaders: jsonb("response_headers").$type<Record<string, string>>(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("webhook_attempts_tenant_idx").on(t.tenantId),
    uniqueIndex("webhook_attempts_delivery_attempt_idx").on(t.deliveryId, t.attempt),
  ],
);

export const webhookReceivers = pgTable(
  "webhook_receivers",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    // The secret part of the receiver URL; rotating it retires the old URL.
    publicId: text("public_id").notNull(),
    scheme: text("scheme").$type<ReceiverScheme>().notNull(),
    secret: text("secret").notNull(),
    secretHint: text("secret_hint"),
    header: text("header"),
    encoding: text("encoding").$type<"hex" | "base64">().notNull().default("hex"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("webhook_receivers_tenant_idx").on(t.tenantId),
    uniqueIndex("webhook_receivers_public_id_idx").on(t.publicId),
    index("webhook_receivers_integration_idx").on(t.integrationId),
    check("webhook_receivers_scheme_check", sql`${t.scheme} in ('standard_webhooks', 'stripe', 'github', 'hmac_sha256')`),
  ],
);

export const webhookReceiverRejections = pgTable(
  "webhook_receiver_rejections",
  {
    receiverId: uuid("receiver_id")
      .notNull()
      .references(() => webhookReceivers.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(0),
    lastDetail: text("last_detail"),
    lastAt: at("last_at").notNull(),
  },
  (t) => [uniqueIndex("webhook_receiver_rejections_reason_idx").on(t.receiverId, t.reason)],
);

export const receivedWebhookEvents = pgTable(
  "received_webhook_events",
  {
    id: id(),
    tenantId: tenantId(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    receiverId: uuid("receiver_id")
      .notNull()
      .references(() => webhookReceivers.id, { onDelete: "cascade" }),
    providerEventId: text("provider_event_id").notNull(),
    eventType: text("event_type"),
    verified: boolean("verified").notNull(),
    body: text("body").notNull(),
    receivedAt: at("received_at").notNull().defaultNow(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("received_webhook_events_tenant_idx").on(t.tenantId),
    uniqueIndex("received_webhook_events_provider_id_idx").on(t.receiverId, t.providerEventId),
    index("received_webhook_events_integration_idx").on(t.integrationId, t.receivedAt),
  ],
);

export const WEBHOOK_ENDPOINT_SECRET_COLUMN = encryptedColumn("webhook_endpoints", "secret");
export const WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN = encryptedColumn("webhook_endpoints", "previous_secret");
export const WEBHOOK_ENDPOINT_HEADERS_COLUMN = encryptedColumn("webhook_endpoints", "headers");
export const WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN = encryptedColumn("webhook_endpoints", "auth_credentials");
export const WEBHOOK_RECEIVER_SECRET_COLUMN = encryptedColumn("webhook_receivers", "secret");
export const WEBHOOK_ENCRYPTED_COLUMNS = [
  WEBHOOK_ENDPOINT_SECRET_COLUMN,
  WEBHOOK_ENDPOINT_PREVIOUS_SECRET_COLUMN,
  WEBHOOK_ENDPOINT_HEADERS_COLUMN,
  WEBHOOK_ENDPOINT_AUTH_CREDENTIALS_COLUMN,
  WEBHOOK_RECEIVER_SECRET_COLUMN,
];
