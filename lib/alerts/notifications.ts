import { and, count, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { alertChannels, alertNotifications, notificationReads } from "@/db/schema";
import { afterCursor, instantKey, keysetPage } from "@/lib/keyset-page";
import { cursorShapes } from "@/lib/pagination";
import { requireRole, type TenantContext } from "@/lib/tenancy/context";
import { withTenant } from "@/lib/tenancy/data";
import { listNotificationsSchema, type ListNotificationsInput } from "./schema";

type NotificationRow = typeof alertNotifications.$inferSelect;

function notificationView(row: NotificationRow, lastReadAt: Date | null) {
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    body: row.body,
    link: row.link,
    incident_id: row.incidentId,
    unread: lastReadAt === null || row.createdAt > lastReadAt,
    created_at: row.createdAt.toISOString(),
  };
}
export type NotificationView = ReturnType<typeof notificationView>;

const CREATED_KEY = instantKey(alertNotifications.createdAt);

/** The in-app inbox: what the tenant's in-app channel received. `unread` is per member (API keys read it as never read). */
export async function listNotifications(ctx: TenantContext, raw: ListNotificationsInput = {}) {
  requireRole(ctx, "viewer");
  const input = listNotificationsSchema.parse(raw);
  return withTenant(ctx, async (tx) => {
    const lastReadAt = await lastRead(tx, ctx);
    const rows = await tx
      .select({ row: alertNotifications, sortKey: CREATED_KEY })
      .from(alertNotifications)
      .innerJoin(alertChannels, eq(alertChannels.id, alertNotifications.channelId))
      .where(
        and(
          eq(alertNotifications.tenantId, ctx.tenant.id),
          eq(alertChannels.kind, "in_app"),
          input.unread === "true" && lastReadAt ? gt(alertNotifications.createdAt, lastReadAt) : undefined,
          input.cursor
            ? afterCursor(input.cursor, cursorShapes.instantThenId, [alertNotifications.createdAt, alertNotifications.id], true)
            : undefined,
        ),
      )
      .orderBy(desc(alertNotifications.createdAt), desc(alertNotifications.id))
      .limit(input.limit + 1);
    const { page, next_cursor } = keysetPage(rows, input.limit, (r) => [r.sortKey, r.row.id]);
    return { data: page.map((r) => notificationView(r.row, lastReadAt)), next_cursor };
  });
}

async function lastRead(tx: Db, ctx: TenantContext): Promise<Date | null> {
  if (!ctx.userId) return null;
  const [row] = await tx
    .select({ at: notificationReads.lastReadAt })
    .from(notificationReads)
    .where(and(eq(notificationReads.tenantId, ctx.tenant.id), eq(notificationReads.userId, ctx.userId)));
  return row?.at ?? null;
}

/** The bell's number: in-app notifications since the member last opened the notifications page. */
export async function unreadCount(ctx: TenantContext): Promise<number> {
  requireRole(ctx, "viewer");
  return withTenant(ctx, async (tx) => {
    const since = await lastRead(tx, ctx);
    const [row] = await tx
      .select({ n: count() })
      .from(alertNotifications)
      .innerJoin(alertChannels, eq(alertChannels.id, alertNotifications.channelId))
      .where(
        and(
          eq(alertNotifications.tenantId, ctx.tenant.id),
          eq(alertChannels.kind, "in_app"),
          since ? gt(alertNotifications.createdAt, since) : undefined,
        ),
      );
    return Number(row?.n ?? 0);
  });
}

/** Marks everything up to now read for this member (opening the notifications page does this). */
export async function markNotificationsRead(ctx: TenantContext, now = new Date()): Promise<void> {
  requireRole(ctx, "viewer");
  if (!ctx.userId) return;
  await withTenant(ctx, (tx) =>
    tx
      .insert(notificationReads)
      .values({ tenantId: ctx.tenant.id, userId: ctx.userId!, lastReadAt: now })
      .onConflictDoUpdate({
        target: [notificationReads.tenantId, notificationReads.userId],
        set: { lastReadAt: sql`greatest(${notificationReads.lastReadAt}, excluded.last_read_at)` },
      }),
  );
}
