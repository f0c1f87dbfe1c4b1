import type { Metadata } from "next";
import { HealthTable } from "@/components/health/health-table";
import { Card, CardBody, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listIntegrationHealth } from "@/lib/health";
import { loadPage, pagePosition } from "@/lib/pager";

export const metadata: Metadata = { title: "Health" };

export default async function HealthPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const { page: initial, at } = await loadPage(pagePosition(await searchParams), (cursor) =>
    listIntegrationHealth(ctx, { cursor, limit: 100 }),
  );
  return (
    <div className="grid gap-6">
      <PageHeader title="Health" description="Every integration is checked on its polling interval. This page updates by itself." />
      <Card>
        <CardBody>
          <HealthTable tenantSlug={ctx.tenant.slug} at={at} initial={initial} />
        </CardBody>
      </Card>
    </div>
  );
}
