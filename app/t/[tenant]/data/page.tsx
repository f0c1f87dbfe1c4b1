import Link from "next/link";
import { Card, CardBody, CardHeader, EmptyState, PageHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { listEntities } from "@/lib/sync/entities";

type Props = { params: Promise<{ tenant: string }> };

export default async function DataPage({ params }: Props) {
  const { tenant } = await params;
  const ctx = await requireTenantContext(tenant);
  const entities = await listEntities(ctx);
  return (
    <div className="grid gap-6">
      <PageHeader title="Data" description="The records your integrations and imports bring in, by entity." />
      <Card>
        <CardHeader title="Entities" />
        <CardBody>
          {entities.length === 0 ? (
            <EmptyState
              title="No entities yet"
              description="Define one under Settings → Data model, then add a stream on an integration's Sync tab."
            />
          ) : (
            <ul className="grid gap-2">
              {entities.map((e) => (
                <li key={e.key}>
                  <Link className="font-medium text-link hover:underline" href={`/t/${ctx.tenant.slug}/data/${e.key}`}>
                    {e.name}
                  </Link>{" "}
                  <span className="text-sm text-muted-foreground">
                    {e.key} · {e.fields.length} fields
                  </span>
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
