import type { Metadata } from "next";
import Link from "next/link";
import { IntegrationFilters } from "@/components/integrations/integration-filters";
import { IntegrationsTable } from "@/components/integrations/integrations-table";
import { Alert, buttonClasses, EmptyState, PageHeader, Pager } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations";
import { listHref, parseIntegrationListParams, type SearchParams } from "@/lib/integrations/list-params";
import { pageHrefs, pagePosition } from "@/lib/pager";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Integrations" };

type Props = { params: Promise<{ tenant: string }>; searchParams: Promise<SearchParams> };

export default async function IntegrationsPage({ params, searchParams }: Props) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const query = await searchParams;
  const { filters, ignored } = parseIntegrationListParams(query);
  const { data, next_cursor } = await listIntegrations(ctx, filters);
  const base = `/t/${ctx.tenant.slug}/integrations`;
  const canEdit = hasRole(ctx, "admin");
  const filtered = Object.keys(filters).some((k) => k !== "sort" && k !== "cursor");
  const addButton = canEdit ? (
    <Link href={`${base}/new`} className={buttonClasses()}>
      Add integration
    </Link>
  ) : undefined;

  return (
    <div className="grid gap-6">
      <PageHeader title="Integrations" description="The outside services this organisation is connected to." actions={addButton} />
      {ignored.length > 0 && (
        <Alert tone="warning">Some filters in the address were not understood and were left out: {ignored.join(", ")}.</Alert>
      )}
      {data.length === 0 && !filtered && !filters.cursor ? (
        <EmptyState
          title="No integrations yet"
          description={
            canEdit
              ? "Connect a payment, messaging, accounting or custom API to test it and watch its health."
              : "An admin can add the first one."
          }
          action={addButton}
        />
      ) : (
        <>
          <IntegrationFilters base={base} filters={filters} />
          {data.length === 0 ? (
            <EmptyState
              title="No integrations match these filters"
              action={
                <Link href={base} className={buttonClasses({ variant: "secondary" })}>
                  Clear filters
                </Link>
              }
            />
          ) : (
            <IntegrationsTable base={base} filters={filters} integrations={data} />
          )}
          <Pager hrefs={pageHrefs(pagePosition({ ...query, cursor: filters.cursor }), next_cursor, (to) => listHref(base, filters, to))} />
        </>
      )}
    </div>
  );
}
