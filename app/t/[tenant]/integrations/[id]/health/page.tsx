import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CheckHistory } from "@/components/health/check-history";
import { IntegrationHealthView } from "@/components/health/integration-health-view";
import { ThresholdsForm } from "@/components/health/thresholds-form";
import { Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getIntegrationHealth, listHealthChecks } from "@/lib/health";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Integration health" };

export default async function IntegrationHealthPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant, id } = await params;
  const { cursor } = await searchParams;
  const ctx = await requireTenantContext(tenant);
  const load = async () => {
    try {
      return await Promise.all([getIntegrationHealth(ctx, id), listHealthChecks(ctx, id, { cursor, limit: 25 })]);
    } catch (error) {
      if (error instanceof AppError && (error.code === "not_found" || error.code === "validation_failed")) notFound();
      throw error;
    }
  };
  const [health, checks] = await load();
  const here = `/t/${ctx.tenant.slug}/integrations/${id}/health`;
  return (
    <div className="grid gap-6">
      <IntegrationHealthView tenantSlug={ctx.tenant.slug} initial={health} canCheck={hasRole(ctx, "admin")} />
      <Card>
        <CardHeader title="Check history" description="Every check of the last 30 days, newest first." />
        <CardBody>
          <CheckHistory
            checks={checks.data}
            olderHref={checks.next_cursor ? `${here}?cursor=${encodeURIComponent(checks.next_cursor)}` : null}
            newestHref={cursor ? here : null}
          />
        </CardBody>
      </Card>
      <ThresholdsForm key={JSON.stringify(health.thresholds)} tenantSlug={ctx.tenant.slug} integrationId={id} values={health.thresholds} canEdit={hasRole(ctx, "admin")} />
    </div>
  );
}
