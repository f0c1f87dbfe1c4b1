import type { Metadata } from "next";
import { AuthorizedAppsTable } from "@/components/oauth-server/authorized-apps-table";
import { CreateOAuthClientDialog } from "@/components/oauth-server/create-oauth-client-dialog";
import { OAuthClientsTable } from "@/components/oauth-server/oauth-clients-table";
import { Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listAuthorizedApps } from "@/lib/oauth-server/authorize";
import { listOAuthClients } from "@/lib/oauth-server/clients";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "OAuth apps" };

export default async function OAuthAppsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const isOwner = hasRole(ctx, "owner");
  const isAdmin = hasRole(ctx, "admin");
  const [clients, authorized] = await Promise.all([isOwner ? listOAuthClients(ctx) : null, isAdmin ? listAuthorizedApps(ctx) : null]);
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="OAuth apps"
          description="Apps that call /api/v1 with OAuth 2.0 access tokens: for this organisation (client credentials) or for any organisation whose admin consents (authorization code with PKCE)."
          action={isOwner ? <CreateOAuthClientDialog tenantSlug={ctx.tenant.slug} /> : undefined}
        />
        <CardBody>
          {clients === null ? (
            <EmptyState title="Owners only" description="Only an owner of this organisation can register and manage OAuth apps." />
          ) : clients.length === 0 ? (
            <EmptyState title="No OAuth apps yet" description="Register one to let another system obtain access tokens for the API." />
          ) : (
            <OAuthClientsTable tenantSlug={ctx.tenant.slug} clients={clients} />
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Authorized apps"
          description="Apps an admin of this organisation allowed to act here. Revoking one ends its access at once."
        />
        <CardBody>
          {authorized === null ? (
            <EmptyState title="Admins only" description="An admin or owner can see and revoke the apps authorized here." />
          ) : authorized.length === 0 ? (
            <EmptyState title="No authorized apps" description="When an admin allows an app on the consent page, it appears here." />
          ) : (
            <AuthorizedAppsTable tenantSlug={ctx.tenant.slug} apps={authorized} />
          )}
        </CardBody>
      </Card>
    </div>
  );
}
