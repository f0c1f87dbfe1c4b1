import type { Metadata } from "next";
import { CheckHistory } from "@/components/health/check-history";
import { IntegrationHealthView } from "@/components/health/integration-health-view";
import { ThresholdsForm } from "@/components/health/thresholds-form";
import { Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { getIntegrationHealth, listHealthChecks } from "@/lib/health";
import { orNotFound } from "@/lib/or-not-found";
import { hrefWith, loadPage, pageHrefs, pagePosition } from "@/lib/pager";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Integration health" };

export default async function IntegrationHealthPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant, id } = await params;
  const ctx = await requireTenantContext(tenant);
  const [health, { page: checks, at }] = await orNotFound(
    Promise.all([
      getIntegrationHealth(ctx, id),
      loadPage(pagePosition(await searchParams), (cursor) => listHealthChecks(ctx, id, { cursor, limit: 25 })),
    ]),
  );
  const here = `/t/${ctx.tenant.slug}/integrations/${id}/health`;
  return (
    <div className="grid gap-6">
      <IntegrationHealthView tenantSlug={ctx.tenant.slug} initial={health} canCheck={hasRole(ctx, "admin")} />
      <Card>
        <CardHeader title="Check history" description="Every check of the last 30 days, newest first." />
        <CardBody>
          <CheckHistory checks={checks.data} hrefs={pageHrefs(at, checks.next_cursor, (to) => hrefWith(here, to))} />
        </CardBody>
      </Card>
      <ThresholdsForm
        key={JSON.stringify(health.thresholds)}
        tenantSlug={ctx.tenant.slug}
        integrationId={id}
        values={health.thresholds}
        canEdit={hasRole(ctx, "admin")}
      />
    </div>
  );
}
