import { Badge, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { ChannelView } from "@/lib/alerts/channels";
import { CHANNEL_KIND_LABELS } from "@/lib/alerts/schema";
import { ChannelActions } from "./channel-actions";

function destination(c: ChannelView, endpointUrls: Map<string, string>): string {
  switch (c.kind) {
    case "email":
      return (c.email_to ?? []).join(", ");
    case "slack":
      return `Slack webhook ${c.slack_url_hint ?? ""}`;
    case "webhook":
      return (c.endpoint_id && endpointUrls.get(c.endpoint_id)) ?? "deleted endpoint";
    case "in_app":
      return "The bell, for every member";
  }
}

export function ChannelsTable({
  tenantSlug,
  channels,
  endpointUrls,
  canManage,
}: {
  tenantSlug: string;
  channels: ChannelView[];
  endpointUrls: Map<string, string>;
  canManage: boolean;
}) {
  return (
    <Table>
      <THead>
        <Tr>
          <Th>Channel</Th>
          <Th>Sends to</Th>
          <Th>Rules</Th>
          <Th>State</Th>
          {canManage && <Th>Actions</Th>}
        </Tr>
      </THead>
      <TBody>
        {channels.map((c) => (
          <Tr key={c.id} data-testid={`channel-${c.kind}`}>
            <Td>
              <p className="font-medium">{c.name}</p>
              <p className="text-xs text-muted-foreground">{CHANNEL_KIND_LABELS[c.kind]}</p>
            </Td>
            <Td className="break-all">{destination(c, endpointUrls)}</Td>
            <Td>{c.events.length === 0 ? "Nothing" : `${c.events.length} event type${c.events.length === 1 ? "" : "s"}`}</Td>
            <Td>
              {!c.enabled ? (
                <Badge>off</Badge>
              ) : c.failing ? (
                <div className="grid gap-1">
                  <Badge tone="danger">failing</Badge>
                  <p className="text-xs text-danger-fg">
                    {c.last_error} Since <RelativeTime value={c.failing_since!} />.
                  </p>
                </div>
              ) : (
                <div className="grid gap-1">
                  <Badge tone="success">working</Badge>
                  {c.last_delivered_at && (
                    <p className="text-xs text-muted-foreground">
                      Last sent <RelativeTime value={c.last_delivered_at} />
                    </p>
                  )}
                </div>
              )}
            </Td>
            {canManage && (
              <Td>
                <ChannelActions tenantSlug={tenantSlug} channel={c} />
              </Td>
            )}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
