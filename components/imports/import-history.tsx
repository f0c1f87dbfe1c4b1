"use client";

import { listImportsAction } from "@/app/t/[tenant]/imports/actions";
import { useLive } from "@/components/health/use-live";
import { Badge, Card, CardBody, CardHeader, EmptyState, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { ImportView } from "@/lib/imports/status";

const TONE = { completed: "success", failed: "danger", importing: "info", pending: "info" } as const;

export function ImportHistory({ tenantSlug, initial }: { tenantSlug: string; initial: ImportView[] }) {
  const { data } = useLive(["imports", tenantSlug], () => listImportsAction(tenantSlug, null), initial);
  return (
    <Card>
      <CardHeader title="History" />
      <CardBody>
        {data.length === 0 ? (
          <EmptyState title="No imports yet" description="Download a template beside the target, fill it in and drop it above." />
        ) : (
          <div className="overflow-x-auto">
            <Table>
              <THead>
                <Tr>
                  <Th>File</Th>
                  <Th>Target</Th>
                  <Th>Status</Th>
                  <Th>Rows</Th>
                  <Th>Started</Th>
                  <Th>Errors</Th>
                </Tr>
              </THead>
              <TBody>
                {data.map((i) => (
                  <Tr key={i.id}>
                    <Td className="break-all">{i.file_name}</Td>
                    <Td>{i.target}</Td>
                    <Td>
                      <Badge tone={TONE[i.status as keyof typeof TONE] ?? "neutral"}>{i.status}</Badge>
                    </Td>
                    <Td>
                      {i.counts.processed}/{i.rows_total}
                    </Td>
                    <Td>
                      <RelativeTime value={i.created_at} />
                    </Td>
                    <Td>
                      {i.counts.failed + i.counts.conflict > 0 || (i.dry_run && i.dry_run.failed + i.dry_run.conflict > 0) ? (
                        <a className="underline" href={`/t/${tenantSlug}/imports/${i.id}/errors?format=xlsx`}>
                          Report
                        </a>
                      ) : (
                        "—"
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </CardBody>
    </Card>
  );
}
