import type { Metadata } from "next";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { Alert, Card, CardBody, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { auditFacets, listAuditEvents } from "@/lib/audit/queries";
import { parseAuditListParams } from "@/lib/audit/list-params";
import type { SearchParams } from "@/lib/list-params";
import { loadPage, pagePosition } from "@/lib/pager";
import { hasRole } from "@/lib/tenancy";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<SearchParams>;
}) {
  const { tenant } = await params;
  const query = await searchParams;
  const ctx = await requireTenantContext(tenant);
  if (!hasRole(ctx, "admin")) {
    return (
      <div className="grid gap-6">
        <PageHeader title="Audit log" />
        <Alert tone="info" title="Owners and admins only">
          The audit log names every member&apos;s actions; ask an owner or admin.
        </Alert>
      </div>
    );
  }
  const { filters, ignored } = parseAuditListParams(query);
  const [{ page, at }, facets] = await Promise.all([
    loadPage(pagePosition(query), (cursor) => listAuditEvents(ctx, { ...filters, cursor })),
    auditFacets(ctx),
  ]);
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Audit log"
        description="Every change and sign-in in this workspace: who, what, on which target, from where. Entries cannot be edited or deleted; they are kept for the retention set under Settings → Notifications."
      />
      {ignored.length > 0 && (
        <Alert tone="warning" title="Some filters were ignored">
          {ignored.join(", ")} could not be read from the address.
        </Alert>
      )}
      <Card>
        <CardBody className="grid gap-4">
          <AuditFilters
            action={`/t/${ctx.tenant.slug}/audit`}
            filters={filters}
            actions={facets.actions}
            targetTypes={facets.target_types}
          />
          <AuditTable tenantSlug={ctx.tenant.slug} filters={filters} at={at} initial={page} />
        </CardBody>
      </Card>
    </div>
  );
}
