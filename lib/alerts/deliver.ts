import { and, eq, inArray, sql } from "drizzle-orm";
import { db, rowsOf, type Db } from "@/db/client";
import { alertAttempts, alertChannels, alertNotifications, tenants } from "@/db/schema";
import { withSystem } from "@/lib/tenancy/data";
import { sendNotification, type SendResult } from "./senders";

/** Waits after each failed attempt, in seconds; after the last the notification has failed. */
export const ALERT_RETRY_SECONDS = [10, 60, 5 * 60, 30 * 60, 2 * 3600] as const;
export const ALERT_MAX_ATTEMPTS = ALERT_RETRY_SECONDS.length + 1;
/** Longer than a send can take (15 s), so a live worker never loses its claim mid-send. */
const LEASE_MS = 60_000;
const PARALLEL = 5;

type NotificationRow = typeof alertNotifications.$inferSelect;

/** Takes due notifications (or the listed ones) for this worker; a lease that ran out means its holder died. */
async function claim(now: Date, limit: number, ids?: string[]): Promise<NotificationRow[]> {
  const only = ids
    ? sql`and id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const result = await db().execute(sql`
    update alert_notifications set leased_until = ${new Date(now.getTime() + LEASE_MS).toISOString()}::timestamptz
    where id in (
      select id from alert_notifications
      where status = 'pending' and next_attempt_at <= ${now.toISOString()}::timestamptz
        and (leased_until is null or leased_until <= ${now.toISOString()}::timestamptz) ${only}
      order by next_attempt_at limit ${limit} for update skip locked
    ) returning id`);
  const claimed = rowsOf<{ id: string }>(result).map((r) => r.id);
  if (claimed.length === 0) return [];
  return db().select().from(alertNotifications).where(inArray(alertNotifications.id, claimed));
}

/**
 * One attempt. Email and Slack are sent outside any transaction (PGlite has one connection, and a
 * slow mail server must not hold it); a webhook channel's hand-off is a write, so it joins the
 * transaction that records the outcome.
 */
async function attempt(notification: NotificationRow, now: Date): Promise<SendResult> {
  const started = performance.now();
  const [found] = await db()
    .select({ channel: alertChannels, slug: tenants.slug })
    .from(alertChannels)
    .innerJoin(tenants, eq(tenants.id, alertChannels.tenantId))
    .where(eq(alertChannels.id, notification.channelId));
  const send = (tx: Db): Promise<SendResult> =>
    found
      ? sendNotification(tx, found.channel, notification, found.slug, now).catch(() => ({
          ok: false,
          statusCode: null,
          error: "Sending failed unexpectedly.",
        }))
      : Promise.resolve({ ok: false, statusCode: null, error: "The channel was deleted." });
  const early = found?.channel.kind === "webhook" ? null : await send(db());
  return db().transaction(async (tx) => {
    const result = early ?? (await send(tx));
    const number = notification.attempts + 1;
    const delay = ALERT_RETRY_SECONDS[number - 1];
    const retry = !result.ok && delay !== undefined && found !== undefined;
    await tx
      .update(alertNotifications)
      .set({
        attempts: number,
        status: result.ok ? (result.handedOff ? "handed_off" : "sent") : retry ? "pending" : "failed",
        nextAttemptAt: retry ? new Date(now.getTime() + delay * 1000) : null,
        leasedUntil: null,
        lastError: result.error,
        sentAt: result.ok ? now : null,
      })
      .where(and(eq(alertNotifications.id, notification.id), eq(alertNotifications.attempts, notification.attempts)));
    await tx.insert(alertAttempts).values({
      tenantId: notification.tenantId,
      notificationId: notification.id,
      attempt: number,
      success: result.ok,
      statusCode: result.statusCode,
      error: result.error,
      durationMs: Math.round(performance.now() - started),
      startedAt: now,
    });
    if (found) await trackChannel(tx, found.channel.id, result, now);
    return result;
  });
}

/** A channel is failing from its first failed attempt until one succeeds; the settings page shows it. */
async function trackChannel(tx: Db, channelId: string, result: SendResult, now: Date) {
  if (result.ok) {
    await tx
      .update(alertChannels)
      .set({ failingSince: null, lastError: null, lastDeliveredAt: now })
      .where(eq(alertChannels.id, channelId));
    return;
  }
  await tx
    .update(alertChannels)
    .set({ failingSince: sql`coalesce(${alertChannels.failingSince}, ${now.toISOString()}::timestamptz)`, lastError: result.error })
    .where(eq(alertChannels.id, channelId));
}

async function run(due: NotificationRow[], now: Date): Promise<Map<string, SendResult>> {
  const results = new Map<string, SendResult>();
  for (let i = 0; i < due.length; i += PARALLEL) {
    const slice = due.slice(i, i + PARALLEL);
    const outcomes = await Promise.all(slice.map((n) => attempt(n, now)));
    slice.forEach((n, k) => results.set(n.id, outcomes[k]!));
  }
  return results;
}

/** One pass over due email, Slack and webhook notifications: each attempt logged, failures retried with backoff. */
export async function deliverDueNotifications(now = new Date(), limit = 50): Promise<number> {
  return withSystem("alert delivery", async () => {
    const due = await claim(now, limit);
    await run(due, now);
    return due.length;
  });
}

/** Delivers the listed notifications now (a test send), answering each one's outcome. */
export async function deliverNow(ids: string[], now = new Date()): Promise<Map<string, SendResult>> {
  return withSystem("alert delivery", async () => run(await claim(now, ids.length, ids), now));
}
