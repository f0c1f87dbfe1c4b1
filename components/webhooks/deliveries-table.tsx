import Link from "next/link";
import { RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { DeliveryView } from "@/lib/webhooks";
import { DeliveryStatusBadge } from "./delivery-status-badge";

/** One endpoint's deliveries; each event type links to its detail (`detailHref` keeps the list's filters and page). */
export function DeliveriesTable({ deliveries, detailHref }: { deliveries: DeliveryView[]; detailHref: (id: string) => string }) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>Event</Th>
          <Th>Status</Th>
          <Th>Attempts</Th>
          <Th>Last response</Th>
          <Th>Created</Th>
        </Tr>
      </THead>
      <TBody>
        {deliveries.map((d) => (
          <Tr key={d.id}>
            <Td>
              <Link href={detailHref(d.id)} className="font-mono text-sm underline-offset-2 hover:underline">
                {d.event_type}
              </Link>
            </Td>
            <Td>
              <DeliveryStatusBadge status={d.status} />
            </Td>
            <Td className="tabular-nums">{d.attempts}</Td>
            <Td className="tabular-nums">{d.last_status_code ?? "—"}</Td>
            <Td>
              <RelativeTime value={d.created_at} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
