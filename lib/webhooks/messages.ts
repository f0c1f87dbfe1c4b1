import { and, eq, gte } from "drizzle-orm";
import { db } from "@/db/client";
import { webhookDeliveries, webhookMessages } from "@/db/schema";
import { recordAudit } from "@/lib/audit";
import { notFound } from "@/lib/errors";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { TEST_EVENT_TYPE } from "./catalog";
import { restartDeliveries } from "./deliver";
import { messageBody, newWebhookId } from "./dispatch";
import { loadOwnedEndpoint } from "./endpoints";
import { replayFailedSchema } from "./schema";
import { wakeDeliveryPump } from "./wake";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A `webhook.test` message to this endpoint only, delivered like any other (signed, retried, logged). */
export async function sendTestEvent(ctx: TenantContext, endpointId: string, now = new Date()) {
  requireRole(ctx, "admin");
  const delivery = await db().transaction(async (tx) => {
    const endpoint = await loadOwnedEndpoint(tx, ctx.tenant.id, endpointId);
    const data = { endpoint_id: endpoint.id, message: "This is a test event from Patchbay." };
    const [message] = await tx
      .insert(webhookMessages)
      .values({
        tenantId: ctx.tenant.id,
        webhookId: newWebhookId(),
        eventType: TEST_EVENT_TYPE,
        body: messageBody(TEST_EVENT_TYPE, now, data),
        createdAt: now,
      })
      .returning();
    const [row] = await tx
      .insert(webhookDeliveries)
      .values({ tenantId: ctx.tenant.id, messageId: message!.id, endpointId: endpoint.id, eventType: TEST_EVENT_TYPE, nextAttemptAt: now })
      .returning();
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "webhook_endpoint.test_sent",
        target: { type: "webhook_endpoint", id: endpoint.id },
      },
      tx,
    );
    return { id: row!.id, webhook_id: message!.webhookId, event_type: TEST_EVENT_TYPE };
  });
  await wakeDeliveryPump();
  return delivery;
}

/** Sends a delivery again with the same webhook-id, starting the retry schedule over. */
export async function resendDelivery(ctx: TenantContext, deliveryId: string, now = new Date()) {
  requireRole(ctx, "admin");
  if (!UUID.test(deliveryId)) throw notFound("Delivery");
  await db().transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.tenantId, ctx.tenant.id)))
      .for("update");
    if (!row) throw notFound("Delivery");
    await restartDeliveries(tx, and(eq(webhookDeliveries.id, row.id)), now);
    await recordAudit(
      { tenantId: ctx.tenant.id, actor: ctx.actor, action: "webhook_delivery.resent", target: { type: "webhook_delivery", id: row.id } },
      tx,
    );
  });
  await wakeDeliveryPump();
  return { id: deliveryId, status: "pending" as const };
}

/** Every failed delivery of an endpoint created since a moment, sent again. */
export async function replayFailedSince(ctx: TenantContext, endpointId: string, raw: unknown, now = new Date()) {
  requireRole(ctx, "admin");
  const { since } = replayFailedSchema.parse(raw);
  const count = await db().transaction(async (tx) => {
    const endpoint = await loadOwnedEndpoint(tx, ctx.tenant.id, endpointId);
    const where = and(
      eq(webhookDeliveries.endpointId, endpoint.id),
      eq(webhookDeliveries.status, "failed"),
      gte(webhookDeliveries.createdAt, new Date(since)),
    );
    const replayed = await restartDeliveries(tx, where, now);
    await recordAudit(
      {
        tenantId: ctx.tenant.id,
        actor: ctx.actor,
        action: "webhook_endpoint.replayed",
        target: { type: "webhook_endpoint", id: endpoint.id },
        details: { since, replayed },
      },
      tx,
    );
    return replayed;
  });
  if (count > 0) await wakeDeliveryPump();
  return { replayed: count };
}
