import { SettingsForm } from "@/components/integrations/settings-form";
import { schemaOptions } from "@/lib/integrations";
import { settingsValuesOf } from "@/lib/integrations/form-values";
import { statusMappingApplies } from "@/lib/integrations/status-mapping";
import { hasRole } from "@/lib/tenancy";
import { loadIntegrationPage } from "../load";

export default async function IntegrationSettingsPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  return (
    <SettingsForm
      key={integration.updated_at}
      tenantSlug={ctx.tenant.slug}
      id={integration.id}
      providerKey={integration.provider}
      values={settingsValuesOf(integration)}
      allowHttp={schemaOptions().allowHttp}
      canEdit={hasRole(ctx, "admin")}
      statusMapping={statusMappingApplies(integration)}
    />
  );
}
