import type { Db } from "@/db/client";
import {
  ALERT_CHANNEL_SLACK_URL_COLUMN,
  alertChannels,
  alertNotifications,
  webhookDeliveries,
  webhookEndpoints,
  webhookMessages,
} from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { contextFor, decryptSecret } from "@/lib/crypto";
import { env } from "@/lib/env";
import { sendRequest } from "@/lib/http/client";
import { HttpError } from "@/lib/http/http-error";
import { sendMail } from "./mail";
import { ALERT_NOTIFICATION_TYPE } from "@/lib/webhooks/catalog";
import { messageBody, newWebhookId } from "@/lib/webhooks/dispatch";

type ChannelRow = typeof alertChannels.$inferSelect;
type NotificationRow = typeof alertNotifications.$inferSelect;

export type SendResult = { ok: boolean; statusCode: number | null; error: string | null; handedOff?: boolean };

const SEND_TIMEOUT_MS = 15_000;

export type Rendered = { subject: string; text: string; url: string | null };

/** The message as a person reads it, with an absolute link when Patchbay knows its public address. */
export function render(notification: NotificationRow, tenantSlug: string): Rendered {
  const base = env().publicUrl;
  const url = notification.link && base ? `${base}/t/${tenantSlug}/${notification.link}` : null;
  return { subject: `[Patchbay] ${notification.subject}`, text: url ? `${notification.body}\n\n${url}` : notification.body, url };
}

function sendEmail(channel: ChannelRow, message: Rendered): Promise<SendResult> {
  return sendMail({ to: channel.emailTo, subject: message.subject, text: message.text });
}

// The URL is the credential: neither it nor Slack's answer (which may echo it) goes into a log.
async function sendSlack(channel: ChannelRow, message: Rendered): Promise<SendResult> {
  const url = decryptSecret(channel.slackUrl!, contextFor(ALERT_CHANNEL_SLACK_URL_COLUMN, channel));
  const text = `*${message.subject.replace(/^\[Patchbay\] /, "")}*\n${message.text}`;
  try {
    const res = await sendRequest({
      url,
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Patchbay-Alerts/1.0" },
      body: JSON.stringify({ text }),
      timeoutMs: SEND_TIMEOUT_MS,
      maxRedirects: 0,
      maxResponseBytes: 16 * 1024,
    });
    if (res.status >= 200 && res.status < 300) return { ok: true, statusCode: res.status, error: null };
    return { ok: false, statusCode: res.status, error: `Slack answered ${res.status}.` };
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      error: error instanceof HttpError ? `Could not reach Slack (${error.kind}).` : "Could not reach Slack.",
    };
  }
}

/**
 * A webhook channel hands the message to the endpoint's own delivery machinery (signing, retries,
 * the delivery log): it becomes a delivery of the `alert.notification` event to that endpoint only.
 */
async function handOffToEndpoint(
  tx: Db,
  channel: ChannelRow,
  notification: NotificationRow,
  message: Rendered,
  now: Date,
): Promise<SendResult> {
  const [endpoint] = await tx
    .select({ id: webhookEndpoints.id, enabled: webhookEndpoints.enabled })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, channel.endpointId!), eq(webhookEndpoints.tenantId, channel.tenantId)));
  if (!endpoint) return { ok: false, statusCode: null, error: "The webhook endpoint was deleted." };
  if (!endpoint.enabled) return { ok: false, statusCode: null, error: "The webhook endpoint is disabled." };
  const data = {
    id: notification.id,
    kind: notification.kind,
    subject: notification.subject,
    body: notification.body,
    link: message.url,
    incident_id: notification.incidentId,
  };
  const [row] = await tx
    .insert(webhookMessages)
    .values({
      tenantId: channel.tenantId,
      webhookId: newWebhookId(),
      eventType: ALERT_NOTIFICATION_TYPE,
      body: messageBody(ALERT_NOTIFICATION_TYPE, now, data),
      createdAt: now,
    })
    .returning({ id: webhookMessages.id });
  // Not enqueued: the webhook pump's next pass picks up a due delivery without a job.
  await tx.insert(webhookDeliveries).values({
    tenantId: channel.tenantId,
    messageId: row!.id,
    endpointId: endpoint.id,
    eventType: ALERT_NOTIFICATION_TYPE,
    nextAttemptAt: now,
  });
  return { ok: true, statusCode: null, error: null, handedOff: true };
}

export async function sendNotification(
  tx: Db,
  channel: ChannelRow,
  notification: NotificationRow,
  tenantSlug: string,
  now: Date,
): Promise<SendResult> {
  const message = render(notification, tenantSlug);
  switch (channel.kind) {
    case "email":
      return sendEmail(channel, message);
    case "slack":
      return sendSlack(channel, message);
    case "webhook":
      return handOffToEndpoint(tx, channel, notification, message, now);
    case "in_app":
      return { ok: true, statusCode: null, error: null };
  }
}
