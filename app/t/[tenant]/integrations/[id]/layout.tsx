import type { Metadata } from "next";
import Link from "next/link";
import { DeleteIntegrationDialog } from "@/components/integrations/delete-integration-dialog";
import { EnableToggle } from "@/components/integrations/enable-toggle";
import { IntegrationTabLinks } from "@/components/integrations/integration-tab-links";
import { ProviderIcon } from "@/components/integrations/provider-icon";
import { ConnectionBadge, EnvironmentBadge, StatusBadge } from "@/components/integrations/status-badges";
import { ProviderOutageBanner } from "@/components/alerts/provider-outage-banner";
import { providerOutagesFor } from "@/lib/alerts";
import { getProvider } from "@/lib/providers";
import { hasRole } from "@/lib/tenancy";
import { findIntegrationPage, loadIntegrationPage } from "./load";
import { HealthBadge } from "@/components/health/health-badge";

type Props = { children: React.ReactNode; params: Promise<{ tenant: string; id: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const { tenant, id } = await params;
  const { integration } = await findIntegrationPage(tenant, id);
  return { title: integration?.name ?? "Integration not found" };
}

export default async function IntegrationLayout({ children, params }: Props) {
  const { tenant, id } = await params;
  // Looked up here, above this segment's loading boundary, so an unknown id still answers 404.
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const provider = getProvider(integration.provider);
  const outages = await providerOutagesFor(ctx, integration.id);
  const list = `/t/${ctx.tenant.slug}/integrations`;
  const canEdit = hasRole(ctx, "admin");
  return (
    <div className="grid gap-6">
      <Link href={list} className="text-sm text-link underline-offset-4 hover:underline">
        ← All integrations
      </Link>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between" data-testid="integration-header">
        <div className="flex min-w-0 items-start gap-3">
          {provider && <ProviderIcon provider={provider} className="size-10 text-sm" />}
          <div className="grid min-w-0 gap-1">
            <h1 className="text-2xl font-semibold tracking-tight break-words">{integration.name}</h1>
            <p className="text-sm text-muted-foreground">
              {integration.provider_name}
              {integration.category_label && ` · ${integration.category_label}`}
            </p>
            <div className="flex flex-wrap gap-1.5">
              <StatusBadge status={integration.status} />
              <ConnectionBadge status={integration.connection_status} />
              <HealthBadge status={integration.health_status} />
              <EnvironmentBadge environment={integration.environment} />
            </div>
          </div>
        </div>
        {canEdit && (
          <div className="flex shrink-0 gap-2">
            <EnableToggle
              tenantSlug={ctx.tenant.slug}
              id={integration.id}
              name={integration.name}
              enabled={integration.status === "enabled"}
            />
            <DeleteIntegrationDialog tenantSlug={ctx.tenant.slug} id={integration.id} name={integration.name} />
          </div>
        )}
      </div>
      <ProviderOutageBanner tenantSlug={ctx.tenant.slug} outages={outages} listIntegrations={false} />
      <IntegrationTabLinks base={`${list}/${integration.id}`} authType={integration.auth_type} />
      {children}
    </div>
  );
}
