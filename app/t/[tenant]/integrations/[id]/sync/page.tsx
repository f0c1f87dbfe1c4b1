import { SyncTab } from "@/components/sync/sync-tab";
import { listConnectorStreams } from "@/lib/sync/connector-streams";
import { listRuns } from "@/lib/sync/run-service";
import { listStreams } from "@/lib/sync/streams";
import { hasRole } from "@/lib/tenancy";
import { loadIntegrationPage } from "../load";

type Props = { params: Promise<{ tenant: string; id: string }> };

export default async function IntegrationSyncPage({ params }: Props) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const initial = {
    streams: await listStreams(ctx, integration.id),
    runs: (await listRuns(ctx, integration.id, { limit: 20 })).data,
    connector: await listConnectorStreams(ctx, integration.id),
  };
  return <SyncTab tenantSlug={ctx.tenant.slug} integrationId={integration.id} initial={initial} canEdit={hasRole(ctx, "admin")} />;
}
