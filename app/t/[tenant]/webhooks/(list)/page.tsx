import type { Metadata } from "next";
import { CreateEndpointDialog } from "@/components/webhooks/create-endpoint-dialog";
import { EndpointsTable } from "@/components/webhooks/endpoints-table";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { schemaOptions } from "@/lib/integrations/mutations";
import { hasRole } from "@/lib/tenancy";
import { endpointStats, listEndpoints } from "@/lib/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const { data: endpoints } = await listEndpoints(ctx, { limit: 100 });
  const stats = await Promise.all(endpoints.map((e) => endpointStats(ctx, e.id)));
  const canManage = hasRole(ctx, "admin");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Webhooks"
        description="Patchbay tells your own systems what happened, with signed POSTs per the Standard Webhooks specification."
        actions={canManage ? <CreateEndpointDialog tenantSlug={ctx.tenant.slug} allowHttp={schemaOptions().allowHttp} /> : undefined}
      />
      <Card>
        <CardHeader title="Endpoints" />
        <CardBody>
          {endpoints.length === 0 ? (
            <EmptyState
              title="No endpoints yet"
              description={canManage ? "Add one to receive events such as integration.health.changed." : "An admin can add one."}
            />
          ) : (
            <EndpointsTable tenantSlug={ctx.tenant.slug} endpoints={endpoints} stats={stats} />
          )}
        </CardBody>
      </Card>
    </div>
  );
}
