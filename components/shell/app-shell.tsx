import Link from "next/link";
import { NotificationBell } from "@/components/alerts/notification-bell";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Badge } from "@/components/ui";
import type { Role } from "@/lib/tenancy/roles";
import { CommandPalette } from "./command-palette";
import { mainNavItems, SECONDARY_NAV_ITEMS } from "./nav-items";
import { NavLinks } from "./nav-links";
import { ShellPanel } from "./shell-panel";
import { TenantSwitcher } from "./tenant-switcher";

type Props = {
  tenant: { slug: string; name: string };
  tenants: { slug: string; name: string }[];
  user: { name: string; email: string };
  role: Role;
  unreadNotifications: number;
  children: React.ReactNode;
};

export function AppShell({ tenant, tenants, user, role, unreadNotifications, children }: Props) {
  const base = `/t/${tenant.slug}`;
  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-surface focus:p-2"
      >
        Skip to content
      </a>
      <aside className="flex flex-col gap-4 border-b border-border bg-surface p-4 md:sticky md:top-0 md:h-screen md:w-60 md:shrink-0 md:self-start md:overflow-y-auto md:border-r md:border-b-0">
        <ShellPanel
          brand={
            <div className="flex items-center justify-between gap-2">
              <Link href={base} className="text-lg font-semibold tracking-tight">
                Patchbay
              </Link>
              <NotificationBell tenantSlug={tenant.slug} initialCount={unreadNotifications} />
            </div>
          }
        >
          <TenantSwitcher tenants={tenants} current={tenant.slug} />
          <CommandPalette tenantSlug={tenant.slug} pages={mainNavItems(base, role)} />
          <nav aria-label="Main" className="grid content-start gap-4 md:flex-1">
            <NavLinks items={mainNavItems(base, role)} />
            <NavLinks items={SECONDARY_NAV_ITEMS} />
          </nav>
          <div className="flex items-center justify-between gap-2 border-t border-border pt-3 md:flex-col md:items-stretch">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium">{user.name}</p>
              <p className="truncate text-xs text-muted-foreground">{user.email}</p>
              <div className="mt-1 flex items-center gap-2">
                <Badge tone={role === "viewer" ? "neutral" : "info"}>{role}</Badge>
                <Link href={`${base}/account`} className="text-xs underline underline-offset-2">
                  Your account
                </Link>
              </div>
            </div>
            <SignOutButton />
          </div>
        </ShellPanel>
      </aside>
      <main id="main" className="min-w-0 flex-1 p-4 sm:p-6 lg:p-8">
        {children}
      </main>
    </div>
  );
}
