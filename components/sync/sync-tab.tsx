"use client";

import Link from "next/link";
import { useTransition } from "react";
import {
  addConnectorStreamsAction,
  cancelRunAction,
  runSyncAction,
  syncOverviewAction,
} from "@/app/t/[tenant]/integrations/[id]/sync/actions";
import { useLive } from "@/components/health/use-live";
import { Button, Card, CardBody, CardHeader, EmptyState, RelativeTime, Table, TBody, Td, Th, THead, Tr, useToast } from "@/components/ui";
import type { ConnectorStreamView } from "@/lib/sync/connector-streams";
import type { RunView, StreamView } from "@/lib/sync/view";
import { RunProgress, RunStatusBadge } from "./run-status";

type Data = { streams: StreamView[]; runs: RunView[]; connector: ConnectorStreamView[] };

export function SyncTab({
  tenantSlug,
  integrationId,
  initial,
  canEdit,
}: {
  tenantSlug: string;
  integrationId: string;
  initial: Data;
  canEdit: boolean;
}) {
  const { data } = useLive(["sync", tenantSlug, integrationId], () => syncOverviewAction(tenantSlug, { integrationId }), initial);
  const [pending, start] = useTransition();
  const { toast } = useToast();
  const base = `/t/${tenantSlug}/integrations/${integrationId}/sync`;

  const run = (stream: StreamView, type: "full" | "incremental") =>
    start(async () => {
      const result = await runSyncAction(tenantSlug, { integrationId, streamId: stream.id, type });
      if (!result.ok) toast({ tone: "danger", title: result.error });
    });
  const missing = data.connector.filter((c) => !c.added);
  const addConnector = () =>
    start(async () => {
      const result = await addConnectorStreamsAction(tenantSlug, { integrationId });
      if (!result.ok) toast({ tone: "danger", title: result.error });
      else
        toast({
          tone: "success",
          title: `Added ${result.data.length} stream${result.data.length === 1 ? "" : "s"} with default mappings.`,
        });
    });
  const cancel = (runId: string) =>
    start(async () => {
      const result = await cancelRunAction(tenantSlug, { runId });
      if (!result.ok) toast({ tone: "danger", title: result.error });
    });

  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Streams"
          description="Which remote resource feeds which entity, and how."
          action={
            canEdit ? (
              <div className="flex flex-wrap gap-2">
                {missing.length > 0 && (
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={addConnector}
                    title={missing.map((c) => c.name).join(", ")}
                  >
                    Add connector streams ({missing.length})
                  </Button>
                )}
                <Button asChild size="sm">
                  <Link href={`${base}/streams/new`}>Add stream</Link>
                </Button>
              </div>
            ) : undefined
          }
        />
        <CardBody>
          {data.streams.length === 0 ? (
            <EmptyState title="No streams yet" description="Add a stream to bring records from this integration into an entity." />
          ) : (
            <div className="overflow-x-auto">
              <Table>
                <THead>
                  <Tr>
                    <Th>Stream</Th>
                    <Th>Entity</Th>
                    <Th>Last run</Th>
                    <Th>Next run</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </Tr>
                </THead>
                <TBody>
                  {data.streams.map((s) => {
                    const active = s.last_run && (s.last_run.status === "running" || s.last_run.status === "queued");
                    return (
                      <Tr key={s.id}>
                        <Td>
                          <div className="font-medium">{s.name}</div>
                          <div className="text-xs text-muted-foreground">
                            {s.mode} · {s.update_method} · {s.source.connector ? `connector: ${s.source.connector}` : s.source.path}
                          </div>
                        </Td>
                        <Td>
                          <Link className="text-link hover:underline" href={`/t/${tenantSlug}/data/${s.entity}`}>
                            {s.entity}
                          </Link>
                        </Td>
                        <Td>{s.last_run ? <RunStatusBadge run={s.last_run} /> : <span className="text-muted-foreground">Never</span>}</Td>
                        <Td>{s.next_run_at ? <RelativeTime value={s.next_run_at} /> : <span className="text-muted-foreground">—</span>}</Td>
                        <Td>
                          {canEdit && (
                            <div className="flex flex-wrap justify-end gap-2">
                              {active ? (
                                <Button size="sm" variant="secondary" disabled={pending} onClick={() => cancel(s.last_run!.id)}>
                                  Cancel
                                </Button>
                              ) : (
                                <>
                                  <Button
                                    size="sm"
                                    disabled={pending}
                                    onClick={() => run(s, s.mode === "incremental" && s.source.incremental ? "incremental" : "full")}
                                  >
                                    Run now
                                  </Button>
                                  <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(s, "full")}>
                                    Full resync
                                  </Button>
                                </>
                              )}
                              <Button asChild size="sm" variant="ghost">
                                <Link href={`${base}/streams/${s.id}`}>Edit</Link>
                              </Button>
                            </div>
                          )}
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            </div>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Sync runs" description="Newest first; a running run's counters move as pages arrive." />
        <CardBody>
          {data.runs.length === 0 ? (
            <EmptyState title="No runs yet" description="Run a stream to see its log here." />
          ) : (
            <ul className="grid gap-3">
              {data.runs.map((r) => (
                <li key={r.id} className="grid gap-1 rounded border p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link className="font-medium text-link hover:underline" href={`${base}/runs/${r.id}`}>
                      {r.type} run · {r.trigger}
                    </Link>
                    <div className="flex items-center gap-2">
                      <RunStatusBadge run={r} />
                      <RelativeTime value={r.created_at} />
                    </div>
                  </div>
                  <RunProgress run={r} />
                  {r.status_reason && <p className="text-xs break-words">{r.status_reason}</p>}
                  {(r.status === "running" || r.status === "queued") && canEdit && (
                    <div>
                      <Button size="sm" variant="secondary" disabled={pending} onClick={() => cancel(r.id)}>
                        Cancel
                      </Button>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
