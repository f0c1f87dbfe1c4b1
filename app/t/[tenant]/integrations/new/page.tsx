import type { Metadata } from "next";
import { headers } from "next/headers";
import { NewIntegrationForm } from "@/components/integrations/new-integration-form";
import { ProviderPicker } from "@/components/integrations/provider-picker";
import { Alert, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { requestOrigin } from "@/lib/http/request-origin";
import { schemaOptions } from "@/lib/integrations";
import { redirectUriFor } from "@/lib/oauth";
import { getProvider } from "@/lib/providers";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Add integration" };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<{ provider?: string | string[] }> };

export default async function NewIntegrationPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const { provider: raw } = await searchParams;
  const provider = getProvider(typeof raw === "string" ? raw : "");
  const base = `/t/${ctx.tenant.slug}/integrations`;
  if (!hasRole(ctx, "admin")) {
    return (
      <div className="grid gap-6">
        <PageHeader title="Add integration" />
        <Alert tone="info">You have viewer access: an admin can add integrations.</Alert>
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      <PageHeader
        title={provider ? `Add ${provider.name}` : "Add integration"}
        description={provider ? "Fill in the connection; you can test it right after saving." : "Choose the service to connect."}
      />
      {provider ? (
        <NewIntegrationForm
          key={provider.key}
          tenantSlug={ctx.tenant.slug}
          providerKey={provider.key}
          allowHttp={schemaOptions().allowHttp}
          redirectUri={redirectUriFor(requestOrigin(await headers()))}
        />
      ) : (
        <ProviderPicker base={`${base}/new`} />
      )}
    </div>
  );
}
