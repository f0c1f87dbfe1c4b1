import { z } from "zod";
import { limitSchema } from "@/lib/pagination";
import { SUBSCRIBABLE_EVENT_TYPES } from "@/lib/webhooks/catalog";
import { AUDIT_RETENTION_DAYS } from "@/lib/audit/schema";

// Kept free of server imports: the Notifications settings forms validate with these same schemas.

/** Emitted by the sync and import features; named here so a rule can refer to them before they land in the catalog. */
export const SYNC_RUN_FAILED = "sync_run.failed";
export const IMPORT_FAILED = "import.failed";

/** What a channel can be told about: every catalogued event, and the sync and import failures. */
export const ALERTABLE_EVENT_TYPES = [...new Set([...SUBSCRIBABLE_EVENT_TYPES, SYNC_RUN_FAILED, IMPORT_FAILED])];

/**
 * The rules a new channel starts with: an integration going DOWN and recovering, an OAuth grant
 * that needs reconnecting (a refused refresh), a failing or disabled webhook endpoint, an API key
 * about to expire, and failed sync runs and imports.
 */
export const DEFAULT_ALERT_EVENTS = [
  "integration.health.changed",
  "integration.token.refresh_failed",
  "webhook_endpoint.failing",
  "webhook_endpoint.disabled",
  "api_key.expiring",
  SYNC_RUN_FAILED,
  IMPORT_FAILED,
];

export const CHANNEL_KIND_LABELS = { email: "Email", slack: "Slack", webhook: "Webhook endpoint", in_app: "In-app" } as const;

const name = z.string({ error: "Enter a name." }).trim().min(1, "Enter a name.").max(100, "At most 100 characters.");
const events = z
  .array(z.enum(ALERTABLE_EVENT_TYPES as [string, ...string[]], { error: "Choose event types from the list." }), {
    error: "Choose the event types this channel hears about.",
  })
  .max(ALERTABLE_EVENT_TYPES.length)
  .transform((list) => [...new Set(list)]);
const emailTo = z
  .array(z.email({ error: "Enter email addresses such as ops@example.com." }).max(254), { error: "Enter at least one address." })
  .min(1, "Enter at least one address.")
  .max(20, "At most 20 addresses.");
const slackUrl = z
  .string({ error: "Paste the Slack incoming-webhook URL." })
  .trim()
  .max(500, "At most 500 characters.")
  .refine(
    (v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
    "Paste the incoming-webhook URL, such as https://hooks.slack.com/services/…",
  );

export const createChannelSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("email"),
      name,
      events: events.default(DEFAULT_ALERT_EVENTS),
      enabled: z.boolean().default(true),
      email_to: emailTo,
    }),
    z.strictObject({
      kind: z.literal("slack"),
      name,
      events: events.default(DEFAULT_ALERT_EVENTS),
      enabled: z.boolean().default(true),
      slack_url: slackUrl,
    }),
    z.strictObject({
      kind: z.literal("webhook"),
      name,
      events: events.default(DEFAULT_ALERT_EVENTS),
      enabled: z.boolean().default(true),
      endpoint_id: z.uuid({ error: "Choose one of the tenant's webhook endpoints." }),
    }),
  ],
  { error: "Choose email, slack or webhook (the in-app channel exists already)." },
);
export type CreateChannelInput = z.input<typeof createChannelSchema>;

export const patchChannelSchema = z.strictObject({
  name: name.optional(),
  events: events.optional(),
  enabled: z.boolean({ error: "true or false." }).optional(),
  email_to: emailTo.optional(),
  slack_url: slackUrl.optional(),
  endpoint_id: z.uuid({ error: "Choose one of the tenant's webhook endpoints." }).optional(),
});
export type PatchChannelInput = z.input<typeof patchChannelSchema>;

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "A time such as 22:00.")
  .nullable();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const alertSettingsSchema = z
  .strictObject({
    repeat_interval_minutes: z.coerce
      .number({ error: "Minutes, from 0 (never) to 10080 (a week)." })
      .int("Whole minutes.")
      .min(0, "At least 0 (never).")
      .max(10_080, "At most 10080 (a week).")
      .optional(),
    quiet_hours_start: clock.optional(),
    quiet_hours_end: clock.optional(),
    timezone: z.string().max(100).refine(isTimeZone, "A time zone such as Europe/Berlin or UTC.").optional(),
    audit_retention_days: z.coerce
      .number({ error: `Days, from ${AUDIT_RETENTION_DAYS.min} to ${AUDIT_RETENTION_DAYS.max}.` })
      .int("Whole days.")
      .min(AUDIT_RETENTION_DAYS.min, `At least ${AUDIT_RETENTION_DAYS.min} days.`)
      .max(AUDIT_RETENTION_DAYS.max, `At most ${AUDIT_RETENTION_DAYS.max} days.`)
      .optional(),
  })
  .refine((v) => (v.quiet_hours_start === undefined) === (v.quiet_hours_end === undefined), {
    path: ["quiet_hours_end"],
    message: "Set the start and end of quiet hours together.",
  })
  .refine((v) => (v.quiet_hours_start === null) === (v.quiet_hours_end === null), {
    path: ["quiet_hours_end"],
    message: "Set both times, or clear both to turn quiet hours off.",
  })
  .refine((v) => !v.quiet_hours_start || v.quiet_hours_start !== v.quiet_hours_end, {
    path: ["quiet_hours_end"],
    message: "The end must differ from the start.",
  });
export type AlertSettingsInput = z.input<typeof alertSettingsSchema>;

export const listNotificationsSchema = z.object({
  limit: limitSchema,
  cursor: z.string().optional(),
  unread: z.enum(["true", "false"], { error: "true or false." }).optional(),
});
export type ListNotificationsInput = z.input<typeof listNotificationsSchema>;

export const listChannelsSchema = z.object({ limit: limitSchema, cursor: z.string().optional() });
export type ListChannelsInput = z.input<typeof listChannelsSchema>;
