import type { Metadata } from "next";
import Link from "next/link";
import { CreateEndpointDialog } from "@/components/webhooks/create-endpoint-dialog";
import { FailingWarning } from "@/components/webhooks/failing-warning";
import { Badge, Card, CardBody, CardHeader, EmptyState, PageHeader, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { schemaOptions } from "@/lib/integrations/mutations";
import { hasRole } from "@/lib/tenancy";
import { endpointStats, listEndpoints } from "@/lib/webhooks";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const { data: endpoints } = await listEndpoints(ctx, { limit: 100 });
  const stats = await Promise.all(endpoints.map((e) => endpointStats(ctx, e.id)));
  const canManage = hasRole(ctx, "admin");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Webhooks"
        description="Patchbay tells your own systems what happened, with signed POSTs per the Standard Webhooks specification."
        actions={canManage ? <CreateEndpointDialog tenantSlug={ctx.tenant.slug} allowHttp={schemaOptions().allowHttp} /> : undefined}
      />
      <Card>
        <CardHeader title="Endpoints" />
        <CardBody>
          {endpoints.length === 0 ? (
            <EmptyState
              title="No endpoints yet"
              description={canManage ? "Add one to receive events such as integration.health.changed." : "An admin can add one."}
            />
          ) : (
            <Table>
              <THead>
                <Tr>
                  <Th>URL</Th>
                  <Th>Events</Th>
                  <Th>Success (7 days)</Th>
                  <Th>Status</Th>
                </Tr>
              </THead>
              <TBody>
                {endpoints.map((e, i) => (
                  <Tr key={e.id}>
                    <Td className="max-w-md">
                      <Link
                        href={`/t/${ctx.tenant.slug}/webhooks/${e.id}`}
                        className="font-medium break-all underline-offset-2 hover:underline"
                      >
                        {e.url}
                      </Link>
                      {e.description && <span className="block text-xs text-muted-foreground">{e.description}</span>}
                      <FailingWarning disablesAt={e.disables_at} />
                    </Td>
                    <Td>{e.events.length === 0 ? "All events" : `${e.events.length} selected`}</Td>
                    <Td className="tabular-nums">
                      {stats[i]!.success_rate === null ? "No attempts" : `${stats[i]!.success_rate}% of ${stats[i]!.attempts}`}
                    </Td>
                    <Td>{e.enabled ? <Badge tone="success">enabled</Badge> : <Badge tone="neutral">disabled</Badge>}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
