import type { Metadata } from "next";
import { DeliveriesTable } from "@/components/webhooks/deliveries-table";
import { DeliveryChart } from "@/components/webhooks/delivery-chart";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status-badge";
import { DeliveryDetailCard } from "@/components/webhooks/delivery-detail";
import { DeliveryFilters } from "@/components/webhooks/delivery-filters";
import { EditEndpointDialog } from "@/components/webhooks/edit-endpoint-dialog";
import { EndpointActions } from "@/components/webhooks/endpoint-actions";
import { schemaOptions } from "@/lib/integrations/mutations";
import { FailingWarning } from "@/components/webhooks/failing-warning";
import { ReplayFailedForm } from "@/components/webhooks/replay-failed-form";
import { Alert, Badge, Card, CardBody, CardHeader, EmptyState, NEWEST_FIRST, PageHeader, Pager, RelativeTime } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";
import { orNotFound } from "@/lib/or-not-found";
import type { SearchParams } from "@/lib/list-params";
import { firstParam, hrefWith, loadPage, pageHrefs, pagePosition } from "@/lib/pager";
import { deliveryEventTypes, endpointStats, getDelivery, getEndpoint, listDeliveries } from "@/lib/webhooks";
import { parseDeliveryListParams } from "@/lib/webhooks/list-params";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function EndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { tenant, id } = await params;
  const query = await searchParams;
  const ctx = await requireTenantContext(tenant);
  const endpoint = await orNotFound(getEndpoint(ctx, id));
  const {
    filters: { status, event_type: eventType },
  } = parseDeliveryListParams(query);
  const deliveryId = firstParam(query.delivery);
  const [stats, { page: deliveries, at }, eventTypes, detail] = await Promise.all([
    endpointStats(ctx, id),
    loadPage(pagePosition(query), (cursor) => listDeliveries(ctx, id, { status, event_type: eventType, cursor })),
    deliveryEventTypes(ctx, id),
    deliveryId ? getDelivery(ctx, deliveryId).catch(() => null) : null,
  ]);
  const canManage = hasRole(ctx, "admin");
  const base = `/t/${ctx.tenant.slug}/webhooks/${id}`;
  // Opening or closing a delivery keeps the filters and the page the list is on.
  const keep = (extra: Record<string, string | undefined>) => hrefWith(base, { status, event_type: eventType, ...at, ...extra });
  return (
    <div className="grid gap-6">
      <PageHeader
        title={endpoint.url}
        description={endpoint.description || undefined}
        actions={
          canManage ? (
            <div className="flex flex-wrap gap-2">
              <EditEndpointDialog tenantSlug={ctx.tenant.slug} endpoint={endpoint} allowHttp={schemaOptions().allowHttp} />
              <EndpointActions tenantSlug={ctx.tenant.slug} id={id} url={endpoint.url} enabled={endpoint.enabled} />
            </div>
          ) : undefined
        }
      />
      {!endpoint.enabled && (
        <Alert tone="warning" title="Disabled">
          {endpoint.disabled_reason ?? "Nothing is sent to it."} Enable it to receive events again.
        </Alert>
      )}
      <Card>
        <CardBody className="grid gap-4 sm:grid-cols-4">
          <div>
            <p className="text-sm text-muted-foreground">Success rate (7 days)</p>
            <p className="text-2xl font-semibold tabular-nums" data-testid="success-rate">
              {stats.success_rate === null ? "—" : `${stats.success_rate}%`}
            </p>
            <p className="text-xs text-muted-foreground">
              {stats.succeeded} of {stats.attempts} attempts
            </p>
          </div>
          <div>
            <p className="text-sm text-muted-foreground">Status</p>
            <p>{endpoint.enabled ? <Badge tone="success">enabled</Badge> : <Badge tone="neutral">disabled</Badge>}</p>
            <FailingWarning disablesAt={endpoint.disables_at} />
          </div>
          <div>
            <p className="text-sm text-muted-foreground">Events</p>
            <p className="text-sm">{endpoint.events.length === 0 ? "All events" : endpoint.events.join(", ")}</p>
          </div>
          <div>
            <p className="text-sm text-muted-foreground">Custom headers · rate limit</p>
            <p className="text-sm">
              {endpoint.header_names.length ? endpoint.header_names.join(", ") : "None"} ·{" "}
              {endpoint.rate_limit_per_second ? `${endpoint.rate_limit_per_second}/s` : "no limit"}
            </p>
            <p className="text-sm">
              {endpoint.http_method} · auth {endpoint.auth_type}
              {endpoint.auth_hint ? ` (${endpoint.auth_hint})` : ""} ·{" "}
              {endpoint.retry_policy.schedule_seconds.length === 0
                ? "no retries"
                : `${endpoint.retry_policy.schedule_seconds.length} retries`}
            </p>
            {endpoint.previous_secret_expires_at && (
              <p className="text-xs text-muted-foreground">
                Previous secret signs until <RelativeTime value={endpoint.previous_secret_expires_at} />
              </p>
            )}
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Delivery statistics" />
        <CardBody className="grid gap-4">
          <dl className="grid gap-4 sm:grid-cols-4" data-testid="delivery-stats">
            <div>
              <dt className="text-sm text-muted-foreground">Deliveries</dt>
              <dd className="text-2xl font-semibold tabular-nums">{stats.deliveries.total}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Succeeded</dt>
              <dd className="text-2xl font-semibold tabular-nums">{stats.deliveries.succeeded}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Failed</dt>
              <dd className="text-2xl font-semibold tabular-nums">{stats.deliveries.failed}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted-foreground">Last delivery</dt>
              <dd className="flex flex-wrap items-center gap-2 text-sm">
                {stats.last_delivery ? (
                  <>
                    <RelativeTime value={stats.last_delivery.at} />
                    <DeliveryStatusBadge status={stats.last_delivery.status} />
                    {stats.last_delivery.status_code !== null && <span className="tabular-nums">{stats.last_delivery.status_code}</span>}
                  </>
                ) : (
                  "None yet"
                )}
              </dd>
            </div>
          </dl>
          <DeliveryChart daily={stats.daily} />
        </CardBody>
      </Card>
      {detail && <DeliveryDetailCard tenantSlug={ctx.tenant.slug} delivery={detail} canManage={canManage} closeHref={keep({})} />}
      <Card>
        <CardHeader title="Deliveries" action={canManage ? <ReplayFailedForm tenantSlug={ctx.tenant.slug} id={id} /> : undefined} />
        <CardBody className="grid gap-4">
          <DeliveryFilters action={base} status={status} eventType={eventType} eventTypes={eventTypes} />
          {deliveries.data.length === 0 ? (
            <EmptyState
              title="No deliveries"
              description={status || eventType ? "Nothing matches these filters." : "Send a test event to see one here."}
            />
          ) : (
            <DeliveriesTable deliveries={deliveries.data} detailHref={(delivery) => keep({ delivery })} />
          )}
          <Pager
            hrefs={pageHrefs(at, deliveries.next_cursor, (to) => hrefWith(base, { status, event_type: eventType, ...to }))}
            label="Delivery pages"
            labels={NEWEST_FIRST}
          />
        </CardBody>
      </Card>
    </div>
  );
}
