import { listAuditEventsSchema } from "@/lib/audit/schema";
import {
  createChannelSchema,
  DEFAULT_ALERT_EVENTS,
  listChannelsSchema,
  listNotificationsSchema,
  patchChannelSchema,
} from "@/lib/alerts/schema";
import type { Operation } from "./operations";

const CHANNEL_ID = "2b3c4d5e-6f70-4a8b-9c0d-1e2f3a4b5c6d";
const auditEvent = {
  id: "8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968",
  actor: { type: "user", id: "4c5d6e7f-8091-4a2b-8c3d-4e5f60718293", label: "ops@example.com" },
  action: "integration.updated",
  target: { type: "integration", id: "6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b" },
  ip: "203.0.113.7",
  details: { changed: ["credentials"], credentials: "[redacted]" },
  created_at: "2026-11-23T08:59:12.000Z",
};
const channel = {
  id: CHANNEL_ID,
  kind: "slack",
  name: "#ops alerts",
  events: DEFAULT_ALERT_EVENTS,
  enabled: true,
  email_to: null,
  has_slack_url: true,
  slack_url_hint: "••••Xc9Q",
  endpoint_id: null,
  failing: false,
  failing_since: null,
  last_error: null,
  last_delivered_at: "2026-11-23T08:00:04.000Z",
  created_at: "2026-11-20T10:00:00.000Z",
  updated_at: "2026-11-20T10:00:00.000Z",
};
const notification = {
  id: "9c1d2e3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f",
  kind: "opened",
  subject: "Stripe (production) is DOWN",
  body: "Stripe (production) is DOWN: 3 consecutive failures.",
  link: "integrations/6b8e2f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b",
  incident_id: "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b",
  unread: true,
  created_at: "2026-11-23T08:00:00.000Z",
};

const CHANNEL_DESCRIPTION =
  "Kinds: `email` (`email_to`: up to 20 addresses; needs the operator's PATCHBAY_SMTP_* settings, otherwise 422), " +
  "`slack` (`slack_url`: a Slack incoming-webhook URL, write-only and stored encrypted; the read shape has `slack_url_hint`), " +
  "`webhook` (`endpoint_id`: one of the tenant's webhook endpoints; alerts arrive there as signed `alert.notification` deliveries). " +
  "Every tenant also has one `in_app` channel (the bell), which can be changed but not created or deleted. " +
  "`events` are the rules: the event types this channel hears about (default: health changes, refused token refreshes, failing and disabled webhook endpoints, expiring API keys, failed sync runs and imports). " +
  "Alerts follow incidents: one per cause, announced when opened, when their phase changes and when resolved; repeats only after the repeat interval; held during quiet hours and sent as one digest after.";

export const ALERT_OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/audit-events",
    summary: "List audit events",
    description:
      "Every change and sign-in in the tenant, newest first: who (user, API key, OAuth client or system), what, on which target, from which address, with secret-looking details redacted. " +
      "Filters: `actor_type`, `actor_id` (an id or the label, such as an email), `action` (exact, or a prefix ending in `*` such as `integration.*`), `target_type`, `target_id`, `since` and `until` (ISO 8601), `q` (text anywhere in the event). Events are append-only.",
    scope: "audit:read",
    query: listAuditEventsSchema,
    success: { status: 200, description: "A page of audit events, newest first.", example: { data: [auditEvent], next_cursor: null } },
    errors: [401, 403, 422, 429],
  },
  {
    method: "get",
    path: "/alert-channels",
    summary: "List alert channels",
    description: CHANNEL_DESCRIPTION,
    scope: "alerts:read",
    query: listChannelsSchema,
    success: { status: 200, description: "A page of channels, the in-app one first.", example: { data: [channel], next_cursor: null } },
    errors: [401, 403, 422, 429],
  },
  {
    method: "post",
    path: "/alert-channels",
    summary: "Create an alert channel",
    description: CHANNEL_DESCRIPTION,
    scope: "alerts:write",
    body: {
      schema: createChannelSchema,
      example: { kind: "slack", name: "#ops alerts", slack_url: "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXc9Q" },
    },
    success: { status: 201, description: "The channel.", example: channel },
    errors: [400, 401, 403, 415, 422, 429],
  },
  {
    method: "get",
    path: "/alert-channels/{id}",
    summary: "Get an alert channel",
    scope: "alerts:read",
    success: { status: 200, description: "The channel; `failing` says its last delivery failed.", example: channel },
    errors: [401, 403, 404, 429],
  },
  {
    method: "patch",
    path: "/alert-channels/{id}",
    summary: "Change an alert channel",
    description: "Only the fields sent change; `email_to`, `slack_url` and `endpoint_id` only for their kind.",
    scope: "alerts:write",
    body: { schema: patchChannelSchema, example: { events: ["integration.health.changed"], enabled: true } },
    success: { status: 200, description: "The changed channel.", example: channel },
    errors: [400, 401, 403, 404, 415, 422, 429],
  },
  {
    method: "delete",
    path: "/alert-channels/{id}",
    summary: "Delete an alert channel",
    description: "The in-app channel cannot be deleted (422).",
    scope: "alerts:write",
    success: { status: 204, description: "Deleted, with its notification history." },
    errors: [401, 403, 404, 422, 429],
  },
  {
    method: "post",
    path: "/alert-channels/{id}/test",
    summary: "Send a test notification",
    description:
      "Sends a test message through the channel now (quiet hours do not hold it) and answers the outcome; it is logged like every delivery.",
    scope: "alerts:write",
    success: { status: 200, description: "What happened.", example: { success: false, error: "Slack answered 404." } },
    errors: [401, 403, 404, 429],
  },
  {
    method: "get",
    path: "/notifications",
    summary: "List in-app notifications",
    description:
      "What the tenant's in-app channel received, newest first. `unread` is per member; an API key reads every notification as unread.",
    scope: "alerts:read",
    query: listNotificationsSchema,
    success: { status: 200, description: "A page of notifications, newest first.", example: { data: [notification], next_cursor: null } },
    errors: [401, 403, 422, 429],
  },
];
