import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, CardBody, CardHeader } from "@/components/ui";
import { requireTenantContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getRecord } from "@/lib/sync/entities";

type Props = { params: Promise<{ tenant: string; key: string; recordId: string }> };

export default async function RecordPage({ params }: Props) {
  const { tenant, key, recordId } = await params;
  const ctx = await requireTenantContext(tenant);
  const record = await getRecord(ctx, key, recordId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  return (
    <div className="grid gap-6">
      <Link href={`/t/${ctx.tenant.slug}/data/${key}`} className="text-sm text-link hover:underline">
        ← {key}
      </Link>
      <Card>
        <CardHeader title={`Record ${record.external_id}`} description={`From ${record.source.type} ${record.source.id}`} />
        <CardBody className="grid gap-3 text-sm">
          <dl className="grid gap-1 sm:grid-cols-2">
            <div>
              <dt className="text-muted-foreground">First seen</dt>
              <dd>{record.first_seen_at}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Last change</dt>
              <dd>
                {record.last_action} at {record.last_modified_at}
              </dd>
            </div>
          </dl>
          <pre className="overflow-x-auto rounded bg-muted p-3 text-xs whitespace-pre-wrap break-all">
            {JSON.stringify(record.data, null, 2)}
          </pre>
        </CardBody>
      </Card>
    </div>
  );
}
