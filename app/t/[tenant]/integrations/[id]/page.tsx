import { ConfigSummary, LastCall, UsageCounters } from "@/components/integrations/integration-overview";
import { TestConnectionPanel } from "@/components/integrations/test-connection-panel";
import { Card, CardBody, CardHeader } from "@/components/ui";
import { listRequestLogs } from "@/lib/integrations";
import { statusMappingApplies } from "@/lib/integrations/status-mapping";
import { statusEndpointOf } from "@/lib/integrations/status-endpoint";
import { hasRole } from "@/lib/tenancy";
import { loadIntegrationPage } from "./load";

export default async function IntegrationOverviewPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const { data: last } = await listRequestLogs(ctx, integration.id, { limit: 1 });
  return (
    <div className="grid gap-6">
      <UsageCounters usage={integration.usage} healthHref={`/t/${ctx.tenant.slug}/integrations/${integration.id}/health`} />
      <Card>
        <CardHeader title="Connection test" description="The latest call and a fresh test." />
        <CardBody className="grid gap-4">
          <LastCall entry={last[0] ?? null} endpoint={statusEndpointOf(integration)} />
          {hasRole(ctx, "admin") && (
            <TestConnectionPanel
              tenantSlug={ctx.tenant.slug}
              id={integration.id}
              statusMapping={
                statusMappingApplies(integration)
                  ? { saved: integration.config.status_mapping ?? {}, path: integration.config.status_path ?? null, canEdit: true }
                  : undefined
              }
            />
          )}
        </CardBody>
      </Card>
      <ConfigSummary integration={integration} />
    </div>
  );
}
