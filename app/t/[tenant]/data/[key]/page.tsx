import Link from "next/link";
import { notFound } from "next/navigation";
import { RecordsTable } from "@/components/sync/records-table";
import { Button, Card, CardBody, CardHeader, Input, PageHeader, Select } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { firstValues, type SearchParams } from "@/lib/list-params";
import { getEntity, listRecords } from "@/lib/sync/entities";

type Props = { params: Promise<{ tenant: string; key: string }>; searchParams: Promise<SearchParams> };

export default async function EntityRecordsPage({ params, searchParams }: Props) {
  const { tenant, key } = await params;
  const ctx = await requireTenantContext(tenant);
  const entity = await getEntity(ctx, key).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  const filter = firstValues(await searchParams, ["q", "source_type", "actions", "cursor"]);
  const page = await listRecords(ctx, key, { ...filter, limit: 50 }).catch(() => listRecords(ctx, key, { limit: 50 }));
  const base = `/t/${ctx.tenant.slug}/data/${key}`;
  return (
    <div className="grid gap-6">
      <Link href={`/t/${ctx.tenant.slug}/data`} className="text-sm text-link hover:underline">
        ← Data
      </Link>
      <PageHeader title={entity.name} description={`Records of ${entity.key}, in change order.`} />
      <Card>
        <CardHeader
          title="Records"
          action={
            <form className="flex flex-wrap gap-2" action={base}>
              <Input name="q" aria-label="Search records" placeholder="Search" defaultValue={filter.q ?? ""} className="w-40" />
              <Select name="source_type" aria-label="Source" defaultValue={filter.source_type ?? ""}>
                <option value="">All sources</option>
                <option value="integration">Integrations</option>
                <option value="import">Imports</option>
              </Select>
              <Select name="actions" aria-label="Last change" defaultValue={filter.actions ?? ""}>
                <option value="">Any change</option>
                <option value="created">Created</option>
                <option value="updated">Updated</option>
                <option value="deleted">Deleted</option>
              </Select>
              <Button type="submit" size="sm" variant="secondary">
                Filter
              </Button>
            </form>
          }
        />
        <CardBody>
          <RecordsTable base={base} fields={entity.fields.map((f) => f.key).slice(0, 4)} records={page.data} />
          {page.next_cursor && (
            <Link
              className="mt-3 inline-block text-sm text-link hover:underline"
              href={`${base}?${new URLSearchParams({ ...filter, cursor: page.next_cursor })}`}
            >
              Next page →
            </Link>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
