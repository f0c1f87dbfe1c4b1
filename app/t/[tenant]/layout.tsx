import { LiveRefresh } from "@/components/live/live-refresh";
import { AppShell } from "@/components/shell/app-shell";
import { liveStamp } from "@/lib/live/stamp";
import { requireTenantContext, requireUser } from "@/lib/auth/session";
import { unreadCount } from "@/lib/alerts";
import { listUserTenants } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const ctx = await requireTenantContext(slug);
  const user = await requireUser();
  const [tenants, unread, stamp] = await Promise.all([listUserTenants(user.id), unreadCount(ctx), liveStamp(ctx)]);
  return (
    <AppShell tenant={ctx.tenant} tenants={tenants} user={user} role={ctx.role} unreadNotifications={unread}>
      <LiveRefresh tenantSlug={ctx.tenant.slug} stamp={stamp} />
      {children}
    </AppShell>
  );
}
