import { and, eq, gte } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints, webhookMessages } from "@/db/schema";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { loadOwned, withTenant } from "@/lib/tenancy/data";
import { TEST_EVENT_TYPE } from "./catalog";
import { restartDeliveries } from "./deliver";
import { messageBody, newWebhookId } from "./dispatch";
import { replayFailedSchema } from "./schema";
import { wakeDeliveryPump } from "./wake";
import { writeEvents } from "./write-events";

/** A `webhook.test` message to this endpoint only, delivered like any other (signed, retried, logged). */
export async function sendTestEvent(ctx: TenantContext, endpointId: string, now = new Date()) {
  requireRole(ctx, "admin");
  const delivery = await withTenant(ctx, async (tx) => {
    const endpoint = await loadOwned(webhookEndpoints, ctx, endpointId);
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
    await writeEvents(ctx, tx, { type: "webhook_endpoint", id: endpoint.id }, "test_sent");
    return { id: row!.id, webhook_id: message!.webhookId, event_type: TEST_EVENT_TYPE };
  });
  await wakeDeliveryPump();
  return delivery;
}

/** Sends a delivery again with the same webhook-id, starting the retry schedule over. */
export async function resendDelivery(ctx: TenantContext, deliveryId: string, now = new Date()) {
  requireRole(ctx, "admin");
  await withTenant(ctx, async (tx) => {
    const row = await loadOwned(webhookDeliveries, ctx, deliveryId, { lock: true });
    await restartDeliveries(tx, and(eq(webhookDeliveries.id, row.id)), now);
    await writeEvents(ctx, tx, { type: "webhook_delivery", id: row.id }, "resent");
  });
  await wakeDeliveryPump();
  return { id: deliveryId, status: "pending" as const };
}

/** Every failed delivery of an endpoint created since a moment, sent again. */
export async function replayFailedSince(ctx: TenantContext, endpointId: string, raw: unknown, now = new Date()) {
  requireRole(ctx, "admin");
  const { since } = replayFailedSchema.parse(raw);
  const count = await withTenant(ctx, async (tx) => {
    const endpoint = await loadOwned(webhookEndpoints, ctx, endpointId);
    const where = and(
      eq(webhookDeliveries.endpointId, endpoint.id),
      eq(webhookDeliveries.status, "failed"),
      gte(webhookDeliveries.createdAt, new Date(since)),
    );
    const replayed = await restartDeliveries(tx, where, now);
    await writeEvents(ctx, tx, { type: "webhook_endpoint", id: endpoint.id }, "replayed", { since, replayed });
    return replayed;
  });
  if (count > 0) await wakeDeliveryPump();
  return { replayed: count };
}
