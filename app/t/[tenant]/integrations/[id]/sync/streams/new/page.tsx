import { StreamForm } from "@/components/sync/stream-form";
import { listEntities } from "@/lib/sync/entities";
import { requireRole } from "@/lib/tenancy/context";
import { loadIntegrationPage } from "../../../load";

type Props = { params: Promise<{ tenant: string; id: string }> };

export default async function NewStreamPage({ params }: Props) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  requireRole(ctx, "admin");
  return <StreamForm tenantSlug={ctx.tenant.slug} integrationId={integration.id} entities={await listEntities(ctx)} />;
}
