import Link from "next/link";
import { Badge, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { endpointStats, EndpointView } from "@/lib/webhooks";
import { FailingWarning } from "./failing-warning";

type Stats = Awaited<ReturnType<typeof endpointStats>>;

/** The tenant's webhook endpoints with their last week's success; `stats[i]` belongs to `endpoints[i]`. */
export function EndpointsTable({ tenantSlug, endpoints, stats }: { tenantSlug: string; endpoints: EndpointView[]; stats: Stats[] }) {
  return (
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
              <Link href={`/t/${tenantSlug}/webhooks/${e.id}`} className="font-medium break-all underline-offset-2 hover:underline">
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
  );
}
