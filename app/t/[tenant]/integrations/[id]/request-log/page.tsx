import { RequestLogFilter, RequestLogTable } from "@/components/integrations/request-log-table";
import { Card, CardBody, CardHeader } from "@/components/ui";
import { listRequestLogs } from "@/lib/integrations";
import { parseRequestLogParams, type SearchParams } from "@/lib/integrations/list-params";
import { pagePosition } from "@/lib/pager";
import { loadIntegrationPage } from "../load";

type Props = { params: Promise<{ tenant: string; id: string }>; searchParams: Promise<SearchParams> };

export default async function IntegrationRequestLogPage({ params, searchParams }: Props) {
  const { tenant, id } = await params;
  const { ctx, integration } = await loadIntegrationPage(tenant, id);
  const query = await searchParams;
  const filter = parseRequestLogParams(query);
  const page = await listRequestLogs(ctx, integration.id, { ...filter, limit: 25 });
  const base = `/t/${ctx.tenant.slug}/integrations/${integration.id}/request-log`;
  return (
    <Card>
      <CardHeader
        title="Request log"
        description="Secrets are removed before an entry is stored."
        action={<RequestLogFilter base={base} filter={filter} />}
      />
      <CardBody>
        <RequestLogTable base={base} filter={filter} at={pagePosition({ ...query, cursor: filter.cursor })} page={page} />
      </CardBody>
    </Card>
  );
}
