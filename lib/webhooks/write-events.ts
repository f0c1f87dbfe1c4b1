import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit";
import type { TenantContext } from "@/lib/tenancy/context";

type Target = { type: "webhook_endpoint" | "webhook_delivery" | "webhook_receiver"; id: string };

/**
 * What a change to a webhook endpoint, delivery or receiver leaves behind, in the change's
 * transaction: its audit entry. None of them is an outbox event (subscribers hear about
 * integrations, not about their own subscriptions).
 */
export async function writeEvents(ctx: TenantContext, tx: Db, target: Target, action: string, details?: Record<string, unknown>) {
  await recordAudit({ tenantId: ctx.tenant.id, actor: ctx.actor, action: `${target.type}.${action}`, target, details }, tx);
}
