import type { Metadata } from "next";
import Link from "next/link";
import { ProviderOutageBanner } from "@/components/alerts/provider-outage-banner";
import { HealthOverview } from "@/components/health/health-overview";
import { RecentActivity } from "@/components/activity/recent-activity";
import { buttonClasses, Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { providerOutagesFor } from "@/lib/alerts";
import { tenantHealthOverview } from "@/lib/health";
import { hasRole, tenantOverview } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const [overview, health, outages] = await Promise.all([tenantOverview(ctx), tenantHealthOverview(ctx), providerOutagesFor(ctx)]);
  const base = `/t/${ctx.tenant.slug}`;
  return (
    <div className="grid gap-6">
      <PageHeader title={ctx.tenant.name} description="Your organisation at a glance." />
      <ProviderOutageBanner tenantSlug={ctx.tenant.slug} outages={outages} />
      {overview.integrationCount === 0 ? (
        <Card>
          <CardBody>
            <EmptyState
              title="Connect your first system"
              description="Add an integration: pick a provider, enter its credentials, and Patchbay tests the connection and starts watching its health."
              action={
                hasRole(ctx, "admin") ? (
                  <Link href={`${base}/integrations/new`} className={buttonClasses()}>
                    Add integration
                  </Link>
                ) : undefined
              }
            />
          </CardBody>
        </Card>
      ) : (
        <HealthOverview tenantSlug={ctx.tenant.slug} initial={health} />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardBody>
            <p className="text-sm text-muted-foreground">Members</p>
            <p className="text-3xl font-semibold" data-testid="member-count">
              {overview.memberCount}
            </p>
            <Link href={`${base}/settings/members`} className="text-sm text-link underline-offset-4 hover:underline">
              Manage members
            </Link>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <p className="text-sm text-muted-foreground">Active API keys</p>
            <p className="text-3xl font-semibold" data-testid="active-api-keys">
              {overview.activeApiKeyCount}
            </p>
            <Link href={`${base}/settings/api-keys`} className="text-sm text-link underline-offset-4 hover:underline">
              Manage API keys
            </Link>
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title="Recent activity" />
        <CardBody>
          <RecentActivity items={overview.recent} />
        </CardBody>
      </Card>
    </div>
  );
}
