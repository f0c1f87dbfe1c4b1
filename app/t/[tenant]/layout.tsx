import { AppShell } from "@/components/shell/app-shell";
import { requireTenantContext, requireUser } from "@/lib/auth/session";
import { listUserTenants } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const ctx = await requireTenantContext(slug);
  const user = await requireUser();
  const tenants = await listUserTenants(user.id);
  return (
    <AppShell tenant={ctx.tenant} tenants={tenants} user={user} role={ctx.role}>
      {children}
    </AppShell>
  );
}
