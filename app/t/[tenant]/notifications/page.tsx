import type { Metadata } from "next";
import { NotificationsList } from "@/components/alerts/notifications-list";
import { PageHeader } from "@/components/ui";
import { listNotifications, listOpenIncidents } from "@/lib/alerts";
import { requireTenantContext } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/list-params";
import { loadPage, pagePosition } from "@/lib/pager";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const [{ page, at }, incidents] = await Promise.all([
    loadPage(pagePosition(await searchParams), (cursor) => listNotifications(ctx, { cursor })),
    listOpenIncidents(ctx),
  ]);
  return (
    <div className="grid gap-6">
      <PageHeader title="Notifications" description="What Patchbay told this workspace, newest first, and what is still wrong." />
      <NotificationsList tenantSlug={ctx.tenant.slug} at={at} initial={{ notifications: page, incidents }} />
    </div>
  );
}
