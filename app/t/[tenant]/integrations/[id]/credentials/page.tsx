import { AUTH_LABELS } from "@/components/integrations/labels";
import { CredentialsForm } from "@/components/integrations/credentials-form";
import { Alert, Card, CardBody, CardHeader, RelativeTime } from "@/components/ui";
import { credentialsLastReplaced } from "@/lib/integrations/credentials-history";
import { CREDENTIALS_WORDING } from "@/lib/integrations/credentials-wording";
import { hasRole } from "@/lib/tenancy";
import { loadIntegrationPage } from "../load";

export default async function IntegrationCredentialsPage({ params }: { params: Promise<{ tenant: string; id: string }> }) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const replaced = integration.has_credentials ? await credentialsLastReplaced(ctx, integration.id) : null;
  return (
    <Card>
      <CardHeader title="Credentials" description={CREDENTIALS_WORDING} />
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
          {replaced && (
            <>
              <dt className="mt-2 text-muted-foreground">Last replaced</dt>
              <dd data-testid="credentials-replaced">
                <RelativeTime value={replaced.at} /> by {replaced.by}
              </dd>
            </>
          )}
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
