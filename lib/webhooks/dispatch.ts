import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db, rowsOf } from "@/db/client";
import { routeAlerts } from "@/lib/alerts/route";
import { logError } from "@/lib/log";
import { withSystem } from "@/lib/tenancy/data";
import { outboxEvents, webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";

/** Outbox events older than this are history, not news: a new endpoint does not receive them. */
const DISPATCH_WINDOW_MS = 3 * 24 * 3600 * 1000;
/** A queued job that has not started its attempt within this time is assumed lost and queued again. */
const REQUEUE_AFTER_MS = 5 * 60 * 1000;

export type DueDelivery = { deliveryId: string; attempt: number; startAfter?: Date };

export function newWebhookId(): string {
  return `msg_${randomUUID().replaceAll("-", "")}`;
}

export function messageBody(type: string, timestamp: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: timestamp.toISOString(), data });
}

/**
 * Turns outbox events into messages, and each message into one delivery per subscribed
 * endpoint, in one transaction per batch. Every event gets a message, subscribers or not, so
 * an event is never looked at twice; a concurrent dispatcher loses the race on the unique
 * event id and skips.
 */
async function dispatchBatch(now: Date, batchSize: number): Promise<{ events: number; deliveries: DueDelivery[] }> {
  return db().transaction(async (tx) => {
    const events = await tx
      .select({
        id: outboxEvents.id,
        tenantId: outboxEvents.tenantId,
        type: outboxEvents.type,
        payload: outboxEvents.payload,
        createdAt: outboxEvents.createdAt,
      })
      .from(outboxEvents)
      .leftJoin(webhookMessages, eq(webhookMessages.eventId, outboxEvents.id))
      .where(and(isNull(webhookMessages.id), gt(outboxEvents.createdAt, new Date(now.getTime() - DISPATCH_WINDOW_MS))))
      .orderBy(outboxEvents.createdAt)
      .limit(batchSize);
    if (events.length === 0) return { events: 0, deliveries: [] };

    const messages = await tx
      .insert(webhookMessages)
      .values(
        events.map((e) => ({
          tenantId: e.tenantId,
          webhookId: newWebhookId(),
          eventId: e.id,
          eventType: e.type,
          body: messageBody(e.type, e.createdAt, e.payload),
          createdAt: e.createdAt,
        })),
      )
      .onConflictDoNothing({ target: webhookMessages.eventId })
      .returning({
        id: webhookMessages.id,
        tenantId: webhookMessages.tenantId,
        eventType: webhookMessages.eventType,
        eventId: webhookMessages.eventId,
      });
    if (messages.length === 0) return { events: events.length, deliveries: [] };
    // Alerts ride on the same once-only step: an event is routed in the transaction that makes its
    // message. In a savepoint, so a routing fault costs those alerts (logged) but never the webhooks.
    const fresh = new Set(messages.map((m) => m.eventId));
    await tx
      .transaction((sp) =>
        routeAlerts(
          sp,
          events.filter((e) => fresh.has(e.id)),
          now,
        ),
      )
      .catch((error: unknown) => logError("alert routing failed", error, { events: fresh.size }));

    const tenantIds = [...new Set(messages.map((m) => m.tenantId))];
    const endpoints = await tx
      .select({ id: webhookEndpoints.id, tenantId: webhookEndpoints.tenantId, events: webhookEndpoints.events })
      .from(webhookEndpoints)
      .where(and(inArray(webhookEndpoints.tenantId, tenantIds), eq(webhookEndpoints.enabled, true)));
    const rows = messages.flatMap((m) =>
      endpoints
        .filter((e) => e.tenantId === m.tenantId && (e.events.length === 0 || e.events.includes(m.eventType)))
        .map((e) => ({
          tenantId: m.tenantId,
          messageId: m.id,
          endpointId: e.id,
          eventType: m.eventType,
          nextAttemptAt: now,
          enqueuedAt: now,
        })),
    );
    const deliveries: DueDelivery[] = [];
    for (let i = 0; i < rows.length; i += 1000) {
      const inserted = await tx
        .insert(webhookDeliveries)
        .values(rows.slice(i, i + 1000))
        .returning({ id: webhookDeliveries.id });
      deliveries.push(...inserted.map((d) => ({ deliveryId: d.id, attempt: 1 })));
    }
    return { events: events.length, deliveries };
  });
}

export async function dispatchOutbox(now = new Date(), batchSize = 500): Promise<{ events: number; deliveries: DueDelivery[] }> {
  return withSystem("outbox dispatch", () => dispatchBatch(now, batchSize));
}

/**
 * Pending deliveries that are due and have no live job: never queued (a test event, a resend),
 * or queued so long ago that the job was lost with its worker. Marks them queued.
 */
export async function takeDueDeliveries(now = new Date(), batchSize = 1000): Promise<DueDelivery[]> {
  return withSystem("webhook delivery", () => takeDue(now, batchSize));
}

async function takeDue(now: Date, batchSize: number): Promise<DueDelivery[]> {
  const stale = new Date(now.getTime() - REQUEUE_AFTER_MS);
  const due = db()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.status, "pending"),
        lte(webhookDeliveries.nextAttemptAt, now),
        or(isNull(webhookDeliveries.leasedUntil), lte(webhookDeliveries.leasedUntil, now)),
        or(isNull(webhookDeliveries.enqueuedAt), lte(webhookDeliveries.enqueuedAt, stale)),
      ),
    )
    .limit(batchSize)
    .for("update", { skipLocked: true });
  const result = await db().execute(
    sql`update ${webhookDeliveries} set enqueued_at = ${now.toISOString()} where id in (${due}) returning id, attempts`,
  );
  return rowsOf<{ id: string; attempts: number }>(result).map((r) => ({ deliveryId: r.id, attempt: Number(r.attempts) + 1 }));
}
