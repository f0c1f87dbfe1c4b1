import type { Metadata } from "next";
import Link from "next/link";
import { ProviderOutageBanner } from "@/components/alerts/provider-outage-banner";
import { HealthOverview } from "@/components/health/health-overview";
import { Card, CardBody, CardHeader, EmptyState, PageHeader, RelativeTime } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { providerOutagesFor } from "@/lib/alerts";
import { tenantHealthOverview } from "@/lib/health";
import { tenantOverview } from "@/lib/tenancy";

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
      <HealthOverview tenantSlug={ctx.tenant.slug} initial={health} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardBody>
            <p className="text-sm text-muted-foreground">Members</p>
            <p className="text-3xl font-semibold">{overview.memberCount}</p>
            <Link href={`${base}/settings/members`} className="text-sm text-link underline-offset-4 hover:underline">
              Manage members
            </Link>
          </CardBody>
        </Card>
        <Card>
          <CardBody>
            <p className="text-sm text-muted-foreground">Active API keys</p>
            <p className="text-3xl font-semibold">{overview.activeApiKeyCount}</p>
            <Link href={`${base}/settings/api-keys`} className="text-sm text-link underline-offset-4 hover:underline">
              Manage API keys
            </Link>
          </CardBody>
        </Card>
      </div>
      <Card>
        <CardHeader title="Recent activity" />
        <CardBody>
          {overview.recent.length === 0 ? (
            <EmptyState title="Nothing has happened yet" description="Changes to members and keys show up here." />
          ) : (
            <ul className="divide-y divide-border">
              {overview.recent.map((event) => (
                <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-2 py-2 text-sm">
                  <span>
                    <span className="font-medium">{event.actorLabel ?? event.actorType}</span>{" "}
                    <span className="text-muted-foreground">{event.action.replace(/[._]/g, " ")}</span>
                  </span>
                  <span className="text-muted-foreground">
                    <RelativeTime value={event.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
