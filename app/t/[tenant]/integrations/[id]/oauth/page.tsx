import type { Metadata } from "next";
import { headers } from "next/headers";
import { ConnectForm } from "@/components/oauth/connect-form";
import { ConnectionDetails } from "@/components/oauth/connection-details";
import { ConnectionStatusBadge } from "@/components/oauth/connection-status-badge";
import { DisconnectButton } from "@/components/oauth/disconnect-button";
import { RefreshHistory } from "@/components/oauth/refresh-history";
import { RedirectUri } from "@/components/oauth/redirect-uri";
import { RefreshTokenButton } from "@/components/oauth/refresh-token-button";
import { Alert, Card, CardBody, CardHeader, EmptyState } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { getIntegration } from "@/lib/integrations";
import { requestOrigin } from "@/lib/http/request-origin";
import { getOAuthConnection, redirectUriFor } from "@/lib/oauth";
import { orNotFound } from "@/lib/or-not-found";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "OAuth connection" };

type Props = { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function OAuthConnectionPage({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  const query = await searchParams;
  const ctx = await requireTenantContext(tenant);
  const [integration, { connection, history, profile }] = await orNotFound(
    Promise.all([getIntegration(ctx, id), getOAuthConnection(ctx, id)]),
  );
  const canManage = hasRole(ctx, "admin");
  const providerError = one(query.oauth_error);

  if (!profile) {
    return (
      <Card>
        <CardHeader title="OAuth connection" />
        <CardBody>
          <EmptyState
            title={integration.auth_type === "oauth2" ? "The OAuth endpoints are missing" : "This integration does not use OAuth2"}
            description={
              integration.auth_type === "oauth2"
                ? "Give the authorize and token URLs in the settings, then connect."
                : "Its credentials are set in the settings."
            }
          />
        </CardBody>
      </Card>
    );
  }

  const connected = connection.status === "connected";
  return (
    <div className="grid gap-6">
      {one(query.oauth) === "connected" && connected && (
        <Alert tone="success" title="Connected">
          {integration.name} is connected{connection.account ? ` as ${connection.account}` : ""}. Patchbay keeps the token fresh from now
          on.
        </Alert>
      )}
      {providerError && (
        <Alert tone="danger" title="The connection was not made">
          The provider answered <code className="font-mono">{providerError}</code>
          {one(query.oauth_error_description) ? `: ${one(query.oauth_error_description)}` : "."}
        </Alert>
      )}
      {connection.status === "expired" && (
        <Alert tone="danger" title="The connection has expired">
          {connection.status_reason ?? "The provider no longer accepts the refresh token."} Reconnect to restore access.
        </Alert>
      )}
      {connected && connection.last_failure && (
        <Alert tone="warning" title="The last refresh failed">
          {connection.last_failure.reason} Patchbay keeps using the current token and tries again.
        </Alert>
      )}

      <Card>
        <CardHeader
          title={`${integration.name} · OAuth connection`}
          description={
            profile.grant_type === "client_credentials"
              ? "Machine-to-machine: Patchbay fetches tokens with the client credentials."
              : "An account at the provider grants Patchbay access through its consent screen."
          }
          action={<ConnectionStatusBadge status={connection.status} />}
        />
        <CardBody className="grid gap-6">
          {connection.status !== "disconnected" && <ConnectionDetails connection={connection} />}
          {profile.grant_type !== "client_credentials" && <RedirectUri uri={redirectUriFor(requestOrigin(await headers()))} />}
          {canManage && !profile.has_client_credentials && (
            <Alert tone="warning">Add the client ID and client secret on the Credentials tab before connecting.</Alert>
          )}
          {canManage && profile.has_client_credentials && !connected && (
            <ConnectForm
              tenantSlug={ctx.tenant.slug}
              integrationId={integration.id}
              label={connection.status === "expired" ? "Reconnect" : "Connect"}
              defaultScopes={profile.default_scopes}
              browserless={profile.grant_type === "client_credentials"}
            />
          )}
          {canManage && connection.status !== "disconnected" && (
            <div className="flex flex-wrap gap-2">
              {connected && <RefreshTokenButton tenantSlug={ctx.tenant.slug} integrationId={integration.id} />}
              <DisconnectButton
                tenantSlug={ctx.tenant.slug}
                integrationId={integration.id}
                name={integration.name}
                canRevoke={profile.revocable}
              />
            </div>
          )}
        </CardBody>
      </Card>

      <Card>
        <CardHeader title="Refresh history" description="The last 20 token refreshes, newest first." />
        <CardBody>
          <RefreshHistory events={history} />
        </CardBody>
      </Card>
    </div>
  );
}
