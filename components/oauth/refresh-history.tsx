import { Badge, EmptyState, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { RefreshEventView } from "@/lib/oauth";

const TRIGGER: Record<RefreshEventView["trigger"], string> = {
  expiry: "Due before a call",
  forced: "Refresh now",
  scheduled: "Scheduled",
};

export function RefreshHistory({ events }: { events: RefreshEventView[] }) {
  if (events.length === 0)
    return (
      <EmptyState title="No refreshes yet" description="Tokens are refreshed on their own ahead of expiry; each attempt shows here." />
    );
  return (
    <Table>
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Why</Th>
          <Th>Outcome</Th>
          <Th>Reason</Th>
        </Tr>
      </THead>
      <TBody>
        {events.map((e) => (
          <Tr key={e.id}>
            <Td>
              <RelativeTime value={e.created_at} />
            </Td>
            <Td>{TRIGGER[e.trigger]}</Td>
            <Td>{e.success ? <Badge tone="success">Succeeded</Badge> : <Badge tone="danger">Failed</Badge>}</Td>
            <Td className="text-sm text-muted-foreground">{e.reason ?? "—"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
