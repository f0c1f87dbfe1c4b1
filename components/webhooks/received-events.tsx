import { Badge, Card, CardBody, CardHeader, EmptyState, NEWEST_FIRST, Pager, RelativeTime } from "@/components/ui";
import type { PageHrefs } from "@/lib/pager";
import { PayloadViewer } from "./payload-viewer";

type Event = { id: string; provider_event_id: string; event_type: string | null; verified: boolean; received_at: string; payload: string };

export function ReceivedEvents({ events, hrefs }: { events: Event[]; hrefs: PageHrefs }) {
  return (
    <Card>
      <CardHeader title="Received events" description="Each provider event is stored once; repeats are acknowledged and skipped." />
      <CardBody className="grid gap-3">
        {events.length === 0 ? (
          <EmptyState title="Nothing received yet" description="Events appear here once the provider posts to a receiver URL." />
        ) : (
          <ul className="grid gap-3">
            {events.map((e) => (
              <li key={e.id} className="grid gap-1">
                <p className="flex flex-wrap items-center gap-2 text-sm">
                  <RelativeTime value={e.received_at} />
                  <code className="font-mono">{e.event_type ?? "(no type)"}</code>
                  {e.verified ? <Badge tone="success">verified</Badge> : <Badge tone="danger">unverified</Badge>}
                  <span className="text-xs text-muted-foreground">id {e.provider_event_id}</span>
                </p>
                <PayloadViewer body={e.payload} />
              </li>
            ))}
          </ul>
        )}
        <Pager hrefs={hrefs} label="Received event pages" labels={NEWEST_FIRST} />
      </CardBody>
    </Card>
  );
}
