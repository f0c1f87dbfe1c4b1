import { AUTH_LABELS } from "@/components/integrations/labels";
import { CredentialsForm } from "@/components/integrations/credentials-form";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { hasRole } from "@/lib/tenancy";
import { loadIntegrationPage } from "../load";

export default async function IntegrationCredentialsPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  return (
    <Card>
      <CardHeader
        title="Credentials"
        description="Stored encrypted. Patchbay never shows a stored secret again; replace it when it changes."
      />
      <CardBody className="grid gap-6">
        <dl className="grid gap-1 text-sm">
          <dt className="text-muted-foreground">Current</dt>
          <dd data-testid="credentials-hint">
            {AUTH_LABELS[integration.auth_type]}
            {integration.has_credentials ? (
              <span className="ml-2 font-mono">{integration.credentials_hint ?? "stored"}</span>
            ) : (
              integration.auth_type !== "none" && <span className="ml-2 text-muted-foreground">none stored</span>
            )}
          </dd>
        </dl>
        {hasRole(ctx, "admin") ? (
          <CredentialsForm
            tenantSlug={ctx.tenant.slug}
            id={integration.id}
            providerKey={integration.provider}
            authType={integration.auth_type}
          />
        ) : (
          <Alert tone="info">You have viewer access: an admin can replace the credentials.</Alert>
        )}
      </CardBody>
    </Card>
  );
}
