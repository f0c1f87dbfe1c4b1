"use server";

import { tenantAction, tenantQuery } from "@/lib/action";
import { listNotifications, listOpenIncidents, markNotificationsRead, unreadCount } from "@/lib/alerts";
import type { ListNotificationsInput } from "@/lib/alerts/schema";

// Read actions back the bell's and the inbox's polling; the pages render the same data first on the server.
export const unreadCountAction = tenantQuery("viewer", (ctx) => unreadCount(ctx).then((count) => ({ count })));
export const listNotificationsAction = tenantQuery("viewer", async (ctx, input: ListNotificationsInput) => ({
  notifications: await listNotifications(ctx, input),
  incidents: await listOpenIncidents(ctx),
}));
export const markNotificationsReadAction = tenantAction("viewer", (ctx) => markNotificationsRead(ctx));
