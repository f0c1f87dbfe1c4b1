"use client";

import Link from "next/link";
import { runDetailAction } from "@/app/t/[tenant]/integrations/[id]/sync/actions";
import { useLive } from "@/components/health/use-live";
import { Card, CardBody, CardHeader, EmptyState, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { RunCallView } from "@/lib/sync/run-service";
import type { RunErrorView, RunView } from "@/lib/sync/view";
import { RunProgress, RunStatusBadge } from "./run-status";

type Data = { run: RunView; errors: RunErrorView[] };

export function RunDetail({
  tenantSlug,
  integrationId,
  initial,
  calls,
}: {
  tenantSlug: string;
  integrationId: string;
  initial: Data;
  calls: RunCallView[];
}) {
  const { data } = useLive(["sync-run", tenantSlug, initial.run.id], () => runDetailAction(tenantSlug, { runId: initial.run.id }), initial);
  const { run, errors } = data;
  const c = run.counts;
  return (
    <div className="grid gap-6">
      <Link href={`/t/${tenantSlug}/integrations/${integrationId}/sync`} className="text-sm text-link hover:underline">
        ← Sync
      </Link>
      <Card>
        <CardHeader
          title={`${run.type} run of ${run.entity}`}
          description={`Triggered by ${run.trigger}`}
          action={<RunStatusBadge run={run} />}
        />
        <CardBody className="grid gap-3">
          <RunProgress run={run} />
          {run.status_reason && <p className="text-sm break-words">{run.status_reason}</p>}
          <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            {(
              [
                ["Processed", c.processed],
                ["Created", c.created],
                ["Updated", c.updated],
                ["Unchanged", c.unchanged],
                ["Deleted", c.deleted],
                ["Rejected", c.failed],
                ["Pages", run.pages],
                ["Bytes", run.bytes],
              ] as const
            ).map(([label, value]) => (
              <div key={label}>
                <dt className="text-muted-foreground">{label}</dt>
                <dd className="font-medium">{value.toLocaleString("en")}</dd>
              </div>
            ))}
            <div>
              <dt className="text-muted-foreground">Started</dt>
              <dd>
                <RelativeTime value={run.started_at} empty="Not yet" />
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground">Duration</dt>
              <dd>{run.duration_ms === null ? "—" : `${(run.duration_ms / 1000).toFixed(1)} s`}</dd>
            </div>
          </dl>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Rejected records" description="Not written; each field's reason." />
        <CardBody>
          {errors.length === 0 ? (
            <EmptyState title="No rejected records" description="Every record the run read passed the mapping's rules." />
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <Tr>
                    <Th>Record</Th>
                    <Th>Kind</Th>
                    <Th>Reasons</Th>
                  </Tr>
                </THead>
                <TBody>
                  {errors.map((e) => (
                    <Tr key={e.id}>
                      <Td className="font-mono text-xs">{e.external_id ?? "—"}</Td>
                      <Td>{e.kind}</Td>
                      <Td className="break-words">{e.message}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Calls" description="The run's requests to the provider, from the request log." />
        <CardBody>
          {calls.length === 0 ? (
            <EmptyState title="No calls logged" description="A replayed run reads stored pages and calls nothing." />
          ) : (
            <ul className="grid gap-1 text-xs">
              {calls.map((call) => (
                <li key={call.id} className="font-mono break-all">
                  {call.method} {call.url} → {call.status_code ?? call.error} ({call.duration_ms} ms)
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
