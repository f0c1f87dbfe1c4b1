"use client";

import { useState } from "react";
import { Alert, buttonClasses, Card, CardBody, CardHeader, Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui";
import type { SsoSettings } from "@/lib/sso/settings";
import { CopyRow } from "./copy-row";
import { DomainsCard } from "./domains-card";
import { EnforcementCard } from "./enforcement-card";
import { OidcForm, SamlForm } from "./idp-forms";

export function SsoSettingsView({ tenantSlug, settings }: { tenantSlug: string; settings: SsoSettings }) {
  const { connection, urls } = settings;
  const [protocol, setProtocol] = useState<string>(connection?.protocol ?? "oidc");
  if (!settings.available) {
    return (
      <Card>
        <CardHeader title="Single sign-on" />
        <CardBody>
          <Alert tone="info">
            Single sign-on is off on this server. The operator turns it on by setting PATCHBAY_SSO_SP_PRIVATE_KEY and
            PATCHBAY_SSO_SP_CERTIFICATE (the key pair Patchbay signs SAML requests with).
          </Alert>
        </CardBody>
      </Card>
    );
  }
  const verified = settings.domains.some((d) => d.verifiedAt);
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Identity provider"
          description={
            connection
              ? `Signing in with ${connection.protocol === "oidc" ? "OpenID Connect" : "SAML 2.0"}.`
              : "Connect your identity provider (Okta, Entra ID, Google, Keycloak…)."
          }
        />
        <CardBody>
          <Tabs value={protocol} onValueChange={setProtocol}>
            <TabsList aria-label="Protocol">
              <TabsTrigger value="oidc">OpenID Connect</TabsTrigger>
              <TabsTrigger value="saml">SAML 2.0</TabsTrigger>
            </TabsList>
            <TabsContent value="oidc" className="grid gap-6 pt-4">
              <CopyRow label="Redirect URI" value={urls.oidcRedirectUri} />
              <OidcForm tenantSlug={tenantSlug} connection={connection} />
            </TabsContent>
            <TabsContent value="saml" className="grid gap-6 pt-4">
              <div className="grid gap-3 rounded-md border border-border p-3">
                <p className="text-sm font-medium">Register Patchbay at your IdP</p>
                <CopyRow label="SP entity ID" value={urls.samlEntityId} />
                <CopyRow label="ACS URL" value={urls.samlAcsUrl} />
                <details className="text-sm">
                  <summary className="cursor-pointer">SP signing certificate</summary>
                  <pre className="mt-2 overflow-x-auto rounded-md bg-surface-muted p-2 text-xs">{settings.spCertificate}</pre>
                </details>
                <div>
                  <a className={buttonClasses({ variant: "secondary", size: "sm" })} href={`${urls.samlMetadataUrl}?download=1`} download>
                    Download SP metadata
                  </a>
                </div>
              </div>
              <SamlForm tenantSlug={tenantSlug} connection={connection} />
            </TabsContent>
          </Tabs>
        </CardBody>
      </Card>
      <DomainsCard tenantSlug={tenantSlug} domains={settings.domains} />
      <EnforcementCard
        tenantSlug={tenantSlug}
        enforced={settings.enforced}
        members={settings.members}
        canEnforce={Boolean(connection) && verified}
      />
    </div>
  );
}
