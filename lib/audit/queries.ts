import { and, desc, eq, gte, like, lte, or, sql, type SQL } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { withTenant } from "@/lib/tenancy/data";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { listAuditEventsSchema, type ListAuditEventsInput } from "./schema";

type AuditRow = typeof auditEvents.$inferSelect;

export function auditEventView(row: AuditRow) {
  return {
    id: row.id,
    actor: { type: row.actorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    target: row.targetType ? { type: row.targetType, id: row.targetId } : null,
    ip: row.ip,
    // Redacted when written (lib/audit/redact.ts).
    details: row.details,
    created_at: row.createdAt.toISOString(),
  };
}
export type AuditEventView = ReturnType<typeof auditEventView>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A time without an offset (a datetime-local field) is UTC, as the page labels it. */
const asUtc = (value: string) => new Date(/(z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);

const CREATED_KEY = instantKey(auditEvents.createdAt);

/** The tenant's audit trail, newest first, filtered; owners and admins only (it names every member's actions). */
export async function listAuditEvents(ctx: TenantContext, raw: ListAuditEventsInput = {}) {
  requireRole(ctx, "admin");
  const input = listAuditEventsSchema.parse(raw);
  const t = auditEvents;
  const filters: (SQL | undefined)[] = [eq(t.tenantId, ctx.tenant.id)];
  if (input.actor_type) filters.push(eq(t.actorType, input.actor_type));
  if (input.actor_id) filters.push(or(eq(t.actorId, input.actor_id), eq(t.actorLabel, input.actor_id)));
  if (input.action)
    filters.push(input.action.endsWith("*") ? like(t.action, `${escapeLike(input.action.slice(0, -1))}%`) : eq(t.action, input.action));
  if (input.target_type) filters.push(eq(t.targetType, input.target_type));
  if (input.target_id) filters.push(eq(t.targetId, input.target_id));
  if (input.since) filters.push(gte(t.createdAt, asUtc(input.since)));
  if (input.until) filters.push(lte(t.createdAt, asUtc(input.until)));
  if (input.q) {
    const pattern = `%${escapeLike(input.q)}%`;
    filters.push(
      sql`(${t.action} ilike ${pattern} or ${t.actorLabel} ilike ${pattern} or ${t.targetId} ilike ${pattern} or ${t.ip} ilike ${pattern} or ${t.details}::text ilike ${pattern})`,
    );
  }
  if (input.cursor) filters.push(afterCursor(input.cursor, cursorShapes.instantThenId, [t.createdAt, t.id], true));
  const rows = await withTenant(ctx, (tx) =>
    tx
      .select({ row: t, sortKey: CREATED_KEY })
      .from(t)
      .where(and(...filters))
      .orderBy(desc(t.createdAt), desc(t.id))
      .limit(input.limit + 1),
  );
  const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
  return { data: page.map((r) => auditEventView(r.row)), next_cursor };
}

/** The distinct actions and target types in the tenant's trail, for the filter form's choices. */
export async function auditFacets(ctx: TenantContext) {
  requireRole(ctx, "admin");
  return withTenant(ctx, async (tx) => {
    const actions = await tx
      .selectDistinct({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.tenantId, ctx.tenant.id))
      .orderBy(auditEvents.action)
      .limit(500);
    const targets = await tx
      .selectDistinct({ type: auditEvents.targetType })
      .from(auditEvents)
      .where(and(eq(auditEvents.tenantId, ctx.tenant.id), sql`${auditEvents.targetType} is not null`))
      .orderBy(auditEvents.targetType)
      .limit(100);
    return { actions: actions.map((a) => a.action), target_types: targets.map((t) => t.type!) };
  });
}
