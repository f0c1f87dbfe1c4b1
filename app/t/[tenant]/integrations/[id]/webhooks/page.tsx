import type { Metadata } from "next";
import { headers } from "next/headers";
import { CreateReceiverDialog } from "@/components/webhooks/create-receiver-dialog";
import { ReceivedEvents } from "@/components/webhooks/received-events";
import { ReceiverActions } from "@/components/webhooks/receiver-actions";
import { Badge, Card, CardBody, CardHeader, CopyButton, EmptyState } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { hasRole } from "@/lib/tenancy";
import { orNotFound } from "@/lib/or-not-found";
import { hrefWith, loadPage, pageHrefs, pagePosition } from "@/lib/pager";
import { requestOrigin } from "@/lib/http/request-origin";
import { listReceivedEvents, listReceivers } from "@/lib/webhooks";
import { RECEIVER_SCHEME_NAMES } from "@/lib/webhooks/incoming/schemes";

export const metadata: Metadata = { title: "Incoming webhooks" };

export default async function IntegrationWebhooksPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenant, id } = await params;
  const ctx = await requireTenantContext(tenant);
  const origin = requestOrigin(await headers());
  const [receivers, { page: events, at }] = await orNotFound(
    Promise.all([
      listReceivers(ctx, id, origin),
      loadPage(pagePosition(await searchParams), (cursor) => listReceivedEvents(ctx, id, { cursor })),
    ]),
  );
  const canManage = hasRole(ctx, "admin");
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Receiver URLs"
          description="Give one to the provider as its webhook URL."
          action={canManage ? <CreateReceiverDialog tenantSlug={ctx.tenant.slug} integrationId={id} /> : undefined}
        />
        <CardBody className="grid gap-4">
          {receivers.length === 0 ? (
            <EmptyState
              title="No receiver yet"
              description={canManage ? "Add one, choosing the provider's signature scheme." : "An admin can add one."}
            />
          ) : (
            receivers.map((r) => (
              <section
                key={r.id}
                className="grid gap-2 rounded-md border border-border p-3"
                aria-label={`${RECEIVER_SCHEME_NAMES[r.scheme]} receiver`}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone="info">{RECEIVER_SCHEME_NAMES[r.scheme]}</Badge>
                  {r.header && (
                    <span className="text-xs text-muted-foreground">
                      header {r.header} ({r.encoding})
                    </span>
                  )}
                  <span className="text-xs text-muted-foreground">secret {r.secret_hint}</span>
                  {canManage && <ReceiverActions tenantSlug={ctx.tenant.slug} id={r.id} />}
                </div>
                <div className="flex items-center gap-2">
                  <code
                    className="min-w-0 flex-1 break-all rounded-md bg-surface-muted px-3 py-2 font-mono text-sm"
                    data-testid="receiver-url"
                  >
                    {r.url}
                  </code>
                  <CopyButton value={r.url} label="Copy URL" />
                </div>
                {r.rejections.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No rejected requests.</p>
                ) : (
                  <ul className="grid gap-1 text-sm" aria-label="Rejected requests">
                    {r.rejections.map((x) => (
                      <li key={x.reason}>
                        <Badge tone="danger">{x.count}</Badge> {x.label}
                        {x.last_detail && x.last_detail !== x.label ? ` — ${x.last_detail}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))
          )}
        </CardBody>
      </Card>
      <ReceivedEvents
        events={events.data}
        hrefs={pageHrefs(at, events.next_cursor, (to) => hrefWith(`/t/${ctx.tenant.slug}/integrations/${id}/webhooks`, to))}
      />
    </div>
  );
}
