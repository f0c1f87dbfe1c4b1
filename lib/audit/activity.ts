import { and, desc, eq, inArray } from "drizzle-orm";
import { apiKeys, auditEvents, integrations, users, webhookEndpoints } from "@/db/schema";
import type { TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";

/** One line of recent activity: repeats of the same action on the same target are one line with a count. */
export type ActivityItem = {
  id: string;
  actor: string;
  action: string;
  // What it was done to, by name ("Box office feed"), or null when it has none or is gone.
  target: string | null;
  // The newest event's outcome when the action has one (a health change's new status).
  outcome: string | null;
  count: number;
  at: Date;
  firstAt: Date;
};

const ACTION_TEXT: Record<string, string> = {
  "integration.created": "created",
  "integration.updated": "changed",
  "integration.deleted": "deleted",
  "integration.connected": "connected",
  "integration.disconnected": "disconnected",
  "integration.health.changed": "saw the health change of",
  "integration.health.thresholds_updated": "changed the health rules of",
  "integration.token.refresh_failed": "could not refresh the token of",
  "api_key.created": "created API key",
  "api_key.updated": "changed API key",
  "api_key.revoked": "revoked API key",
  "api_key.rotated": "rotated API key",
  "member.added": "added member",
  "member.removed": "removed member",
  "member.role_changed": "changed the role of",
  "webhook_endpoint.created": "added webhook endpoint",
  "webhook_endpoint.updated": "changed webhook endpoint",
  "webhook_endpoint.deleted": "deleted webhook endpoint",
  "webhook_endpoint.test_sent": "sent a test event to",
  "webhook_endpoint.replayed": "replayed failed deliveries to",
  "webhook_endpoint.secret_rotated": "rotated the signing secret of",
  "webhook_delivery.resent": "resent a delivery",
  "webhook_receiver.created": "added a receiver URL",
  "webhook_receiver.url_rotated": "replaced a receiver URL",
  "webhook_receiver.deleted": "deleted a receiver URL",
  "auth.signed_in": "signed in",
  "auth.signed_out": "signed out",
  "setup.completed": "set up the organisation",
  "tenant.bootstrapped": "created the organisation",
};

export function describeAction(action: string): string {
  return ACTION_TEXT[action] ?? action.replace(/[._]/g, " ");
}

type Event = typeof auditEvents.$inferSelect;

function detailText(details: Record<string, unknown>, key: string): string | null {
  const value = details[key];
  return typeof value === "string" && value ? value : null;
}

/**
 * The tenant's latest events, with their targets named and runs of the same thing grouped, so a
 * flapping integration is one line ("… ×12") rather than a page of identical entries.
 */
export async function recentActivity(ctx: Pick<TenantContext, "tenant">, limit = 10): Promise<ActivityItem[]> {
  return withTenant(ctx, async (tx) => {
    // Enough raw events that grouping still fills the list.
    const events = await tx
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, ctx.tenant.id))
      .orderBy(desc(auditEvents.createdAt))
      .limit(limit * 10);
    const ids = (type: string) => [...new Set(events.filter((e) => e.targetType === type && e.targetId).map((e) => e.targetId!))];
    const named = new Map<string, string>();
    const lookups: [string, () => Promise<{ id: string; name: string }[]>][] = [
      [
        "integration",
        () =>
          tx
            .select({ id: integrations.id, name: integrations.name })
            .from(integrations)
            .where(and(eq(integrations.tenantId, ctx.tenant.id), inArray(integrations.id, ids("integration")))),
      ],
      [
        "api_key",
        () =>
          tx
            .select({ id: apiKeys.id, name: apiKeys.name })
            .from(apiKeys)
            .where(and(eq(apiKeys.tenantId, ctx.tenant.id), inArray(apiKeys.id, ids("api_key")))),
      ],
      [
        "webhook_endpoint",
        () =>
          tx
            .select({ id: webhookEndpoints.id, name: webhookEndpoints.url })
            .from(webhookEndpoints)
            .where(and(eq(webhookEndpoints.tenantId, ctx.tenant.id), inArray(webhookEndpoints.id, ids("webhook_endpoint")))),
      ],
      [
        "user",
        () =>
          tx
            .select({ id: users.id, name: users.email })
            .from(users)
            .where(inArray(users.id, ids("user"))),
      ],
    ];
    for (const [type, lookup] of lookups) {
      if (ids(type).length === 0) continue;
      for (const row of await lookup()) named.set(`${type}:${row.id}`, row.name);
    }
    const nameOf = (e: Event) =>
      (e.targetType && e.targetId && named.get(`${e.targetType}:${e.targetId}`)) ||
      detailText(e.details, "name") ||
      detailText(e.details, "url") ||
      detailText(e.details, "email");

    // Grouped by who did what to which target, placed at the newest of its events.
    const groups = new Map<string, ActivityItem>();
    for (const e of events) {
      const actor = e.actorLabel ?? e.actorType;
      const key = `${actor}|${e.action}|${e.targetType}:${e.targetId}`;
      const group = groups.get(key);
      if (group) {
        group.count += 1;
        group.firstAt = e.createdAt;
        continue;
      }
      if (groups.size === limit) continue;
      groups.set(key, {
        id: e.id,
        actor,
        action: e.action,
        target: nameOf(e),
        outcome: e.action === "integration.health.changed" ? detailText(e.details, "to") : null,
        count: 1,
        at: e.createdAt,
        firstAt: e.createdAt,
      });
    }
    const items = [...groups.values()];
    return items;
  });
}
