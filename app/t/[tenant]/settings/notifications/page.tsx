import type { Metadata } from "next";
import { AlertSettingsForm } from "@/components/alerts/alert-settings-form";
import { ChannelsTable } from "@/components/alerts/channels-table";
import { CreateChannelDialog } from "@/components/alerts/create-channel-dialog";
import { Alert, Card, CardBody, CardHeader } from "@/components/ui";
import { emailConfigured, getAlertSettings, listChannels } from "@/lib/alerts";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";
import { listEndpoints } from "@/lib/webhooks";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const [channels, settings, endpoints] = await Promise.all([
    listChannels(ctx, { limit: 100 }),
    getAlertSettings(ctx),
    listEndpoints(ctx, { limit: 100 }),
  ]);
  const canManage = hasRole(ctx, "admin");
  const email = emailConfigured();
  const endpointUrls = new Map(endpoints.data.map((e) => [e.id, e.url]));
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Alert channels"
          description="Where alerts go. Each channel has rules: the events it hears about. An incident is announced when it opens, when it changes and when it is resolved, not on every failed check."
          action={
            canManage ? (
              <CreateChannelDialog
                tenantSlug={ctx.tenant.slug}
                emailConfigured={email}
                endpoints={endpoints.data.map((e) => ({ id: e.id, url: e.url }))}
              />
            ) : undefined
          }
        />
        <CardBody className="grid gap-4">
          {!email && (
            <Alert tone="info" title="Email is not configured">
              This Patchbay sends no email until an operator sets PATCHBAY_SMTP_HOST and PATCHBAY_SMTP_FROM. Slack, webhook and in-app
              channels work without it.
            </Alert>
          )}
          <ChannelsTable tenantSlug={ctx.tenant.slug} channels={channels.data} endpointUrls={endpointUrls} canManage={canManage} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Noise control and retention" />
        <CardBody>
          {canManage ? (
            <AlertSettingsForm tenantSlug={ctx.tenant.slug} settings={settings} canSetRetention={hasRole(ctx, "owner")} />
          ) : (
            <p className="text-sm text-muted-foreground">
              Quiet hours:{" "}
              {settings.quiet_hours_start ? `${settings.quiet_hours_start}–${settings.quiet_hours_end} ${settings.timezone}` : "off"} ·
              reminders every {settings.repeat_interval_minutes || "—"} minutes · audit events kept {settings.audit_retention_days} days.
            </p>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
