import type { Metadata } from "next";
import { headers } from "next/headers";
import { SsoSettingsView } from "@/components/sso/sso-settings";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { requestOrigin } from "@/lib/http/request-origin";
import { ssoSettings } from "@/lib/sso/settings";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Single sign-on" };

export default async function SsoSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  if (!hasRole(ctx, "owner")) {
    return (
      <Card>
        <CardHeader title="Single sign-on" />
        <CardBody>
          <Alert tone="info">Only owners manage single sign-on. You have {ctx.role} access.</Alert>
        </CardBody>
      </Card>
    );
  }
  const settings = await ssoSettings(ctx, requestOrigin(await headers()));
  return <SsoSettingsView tenantSlug={ctx.tenant.slug} settings={settings} />;
}
