import type { Metadata } from "next";
import { HealthTable } from "@/components/health/health-table";
import { Card, CardBody, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { listIntegrationHealth } from "@/lib/health";

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<{ cursor?: string }> }) {
  const { tenant } = await params;
  const { cursor } = await searchParams;
  const ctx = await requireTenantContext(tenant);
  // A stale or hand-edited cursor starts again from the first page rather than failing the page.
  const initial = await listIntegrationHealth(ctx, { cursor, limit: 100 }).catch((error: unknown) => {
    if (cursor && error instanceof AppError) return listIntegrationHealth(ctx, { limit: 100 });
    throw error;
  });
  return (
    <div className="grid gap-6">
      <PageHeader title="Health" description="Every integration is checked on its polling interval. This page updates by itself." />
      <Card>
        <CardBody>
          <HealthTable tenantSlug={ctx.tenant.slug} cursor={cursor} initial={initial} />
        </CardBody>
      </Card>
    </div>
  );
}
