import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { encryptedColumn } from "@/lib/crypto/encrypted-column";
import { outboxEvents } from "./audit";
import { createdAt, id, timestamps } from "./columns";
import { tenantId, users } from "./tenancy";
import { webhookEndpoints } from "./webhooks";
import { tenantIsolation } from "./rls";

const at = (name: string) => timestamp(name, { withTimezone: true });

export const CHANNEL_KINDS = ["email", "slack", "webhook", "in_app"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** A tenant's alerting and audit settings; a tenant without a row has the defaults. */
export const alertSettings = pgTable(
  "alert_settings",
  {
    tenantId: tenantId().primaryKey(),
    auditRetentionDays: integer("audit_retention_days").notNull().default(365),
    // How often an incident still open is announced again; 0: never.
    repeatIntervalMinutes: integer("repeat_interval_minutes").notNull().default(240),
    // "HH:MM" in `timezone`; both null: no quiet hours.
    quietHoursStart: text("quiet_hours_start"),
    quietHoursEnd: text("quiet_hours_end"),
    timezone: text("timezone").notNull().default("UTC"),
    ...timestamps(),
  },
  (t) => [...tenantIsolation(t)],
);

export const alertChannels = pgTable(
  "alert_channels",
  {
    id: id(),
    tenantId: tenantId(),
    kind: text("kind").$type<ChannelKind>().notNull(),
    name: text("name").notNull(),
    // The rules: which event types this channel is told about.
    events: jsonb("events").$type<string[]>().notNull(),
    enabled: boolean("enabled").notNull().default(true),
    emailTo: jsonb("email_to").$type<string[]>().notNull().default([]),
    // encryptSecret of the Slack incoming-webhook URL (the URL is the credential); see ALERT_ENCRYPTED_COLUMNS.
    slackUrl: text("slack_url"),
    slackHint: text("slack_hint"),
    endpointId: uuid("endpoint_id").references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    // Since when every delivery has failed; null after any success.
    failingSince: at("failing_since"),
    lastError: text("last_error"),
    lastDeliveredAt: at("last_delivered_at"),
    ...timestamps(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("alert_channels_tenant_idx").on(t.tenantId, t.createdAt),
    // The in-app channel is the tenant's inbox: there is one.
    uniqueIndex("alert_channels_one_in_app_idx")
      .on(t.tenantId)
      .where(sql`kind = 'in_app'`),
    check("alert_channels_kind_check", sql`${t.kind} in ('email', 'slack', 'webhook', 'in_app')`),
  ],
);

export const INCIDENT_STATES = ["open", "resolved"] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

/** One thing that is wrong, however many events say so: opened, updated, resolved. */
export const alertIncidents = pgTable(
  "alert_incidents",
  {
    id: id(),
    tenantId: tenantId(),
    // What is wrong, such as "integration:<id>:health": at most one open incident per cause.
    cause: text("cause").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    // What the incident is about right now; an update is sent only when this changes.
    phase: text("phase").notNull(),
    // The event type whose rule decides which channels hear about this incident.
    rule: text("rule").notNull(),
    link: text("link"),
    state: text("state").$type<IncidentState>().notNull().default("open"),
    targetType: text("target_type"),
    targetId: text("target_id"),
    eventCount: integer("event_count").notNull().default(1),
    providerIncidentId: uuid("provider_incident_id").references(() => providerIncidents.id, { onDelete: "set null" }),
    openedAt: at("opened_at").notNull().defaultNow(),
    lastEventAt: at("last_event_at").notNull().defaultNow(),
    lastNotifiedAt: at("last_notified_at").notNull().defaultNow(),
    resolvedAt: at("resolved_at"),
  },
  (t) => [
    ...tenantIsolation(t),
    uniqueIndex("alert_incidents_open_cause_idx")
      .on(t.tenantId, t.cause)
      .where(sql`state = 'open'`),
    index("alert_incidents_tenant_opened_idx").on(t.tenantId, t.openedAt),
    check("alert_incidents_state_check", sql`${t.state} in ('open', 'resolved')`),
  ],
);

export const NOTIFICATION_STATUSES = ["pending", "sent", "failed", "held", "digested", "handed_off"] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];
export const NOTIFICATION_KINDS = ["opened", "updated", "resolved", "reminder", "notice", "digest", "test"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** One message to one channel, with its delivery state; in-app messages are the inbox. */
export const alertNotifications = pgTable(
  "alert_notifications",
  {
    id: id(),
    tenantId: tenantId(),
    channelId: uuid("channel_id")
      .notNull()
      .references(() => alertChannels.id, { onDelete: "cascade" }),
    incidentId: uuid("incident_id").references(() => alertIncidents.id, { onDelete: "set null" }),
    eventId: uuid("event_id").references(() => outboxEvents.id, { onDelete: "set null" }),
    kind: text("kind").$type<NotificationKind>().notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    link: text("link"),
    status: text("status").$type<NotificationStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    leasedUntil: at("leased_until"),
    lastError: text("last_error"),
    sentAt: at("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("alert_notifications_channel_created_idx").on(t.channelId, t.createdAt),
    index("alert_notifications_tenant_created_idx").on(t.tenantId, t.createdAt),
    index("alert_notifications_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`status = 'pending'`),
    check("alert_notifications_status_check", sql`${t.status} in ('pending', 'sent', 'failed', 'held', 'digested', 'handed_off')`),
  ],
);

/** Every attempt to deliver a notification, as webhook attempts are logged. */
export const alertAttempts = pgTable(
  "alert_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    tenantId: tenantId(),
    notificationId: uuid("notification_id")
      .notNull()
      .references(() => alertNotifications.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    success: boolean("success").notNull(),
    statusCode: integer("status_code"),
    error: text("error"),
    durationMs: integer("duration_ms").notNull(),
    startedAt: at("started_at").notNull(),
  },
  (t) => [
    ...tenantIsolation(t),
    index("alert_attempts_tenant_idx").on(t.tenantId),
    index("alert_attempts_notification_idx").on(t.notificationId, t.attempt),
  ],
);

/** Up to when a member has read the tenant's in-app notifications: later ones count as unread. */
export const notificationReads = pgTable(
  "notification_reads",
  {
    tenantId: tenantId(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastReadAt: at("last_read_at").notNull(),
  },
  (t) => [...tenantIsolation(t), primaryKey({ columns: [t.tenantId, t.userId] })],
);

/**
 * A provider that looks down for everyone: same-provider integrations of several tenants failing
 * with timeouts or 5xx at once. Not tenant data (it names no tenant); each tenant sees it through
 * its own integrations only.
 */
export const providerIncidents = pgTable(
  "provider_incidents",
  {
    id: id(),
    provider: text("provider").notNull(),
    state: text("state").$type<IncidentState>().notNull().default("open"),
    reason: text("reason").notNull(),
    openedAt: at("opened_at").notNull().defaultNow(),
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
    resolvedAt: at("resolved_at"),
  },
  (t) => [
    uniqueIndex("provider_incidents_open_idx")
      .on(t.provider)
      .where(sql`state = 'open'`),
    check("provider_incidents_state_check", sql`${t.state} in ('open', 'resolved')`),
  ],
);

export const ALERT_CHANNEL_SLACK_URL_COLUMN = encryptedColumn("alert_channels", "slack_url");
export const ALERT_ENCRYPTED_COLUMNS = [ALERT_CHANNEL_SLACK_URL_COLUMN];
