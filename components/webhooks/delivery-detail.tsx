import Link from "next/link";
import { Badge, Card, CardBody, CardHeader, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { DeliveryDetail } from "@/lib/webhooks";
import { DeliveryStatusBadge } from "./delivery-status-badge";
import { PayloadViewer } from "./payload-viewer";
import { ResendButton } from "./resend-button";

const ERROR_TEXT: Record<string, string> = {
  timeout: "Timeout",
  dns: "DNS",
  refused: "Connection refused",
  tls: "TLS",
  network: "Network",
  blocked: "Blocked address",
  too_large: "Response too large",
  status: "Non-2xx status",
  invalid_url: "Invalid URL",
  redirects: "Redirect",
};

export function DeliveryDetailCard({
  tenantSlug,
  delivery,
  canManage,
  closeHref,
}: {
  tenantSlug: string;
  delivery: DeliveryDetail;
  canManage: boolean;
  closeHref: string;
}) {
  return (
    <Card>
      <CardHeader
        title={`Delivery of ${delivery.event_type}`}
        description={`webhook-id ${delivery.webhook_id}`}
        action={
          <div className="flex items-center gap-2">
            {canManage && <ResendButton tenantSlug={tenantSlug} id={delivery.id} />}
            <Link href={closeHref} className="text-sm underline">
              Close
            </Link>
          </div>
        }
      />
      <CardBody className="grid gap-4">
        <p className="flex items-center gap-2 text-sm">
          <span data-testid="delivery-detail-status">
            <DeliveryStatusBadge status={delivery.status} />
          </span>
          {delivery.status === "pending" && delivery.next_attempt_at && (
            <span data-testid="next-attempt">
              Next attempt due <RelativeTime value={delivery.next_attempt_at} />
            </span>
          )}
        </p>
        <PayloadViewer body={delivery.payload} open />
        <Table>
          <THead>
            <Tr>
              <Th>#</Th>
              <Th>At</Th>
              <Th>Duration</Th>
              <Th>Status</Th>
              <Th>Error</Th>
              <Th>Response</Th>
            </Tr>
          </THead>
          <TBody>
            {delivery.attempt_log.map((a) => (
              <Tr key={a.attempt} data-testid="attempt-row">
                <Td className="tabular-nums">{a.attempt}</Td>
                <Td>
                  <RelativeTime value={a.started_at} />
                </Td>
                <Td className="tabular-nums">{a.duration_ms} ms</Td>
                <Td>{a.status_code ? <Badge tone={a.success ? "success" : "danger"}>{a.status_code}</Badge> : "—"}</Td>
                <Td className="text-sm">{a.error_kind ? `${ERROR_TEXT[a.error_kind] ?? a.error_kind}: ${a.error}` : "—"}</Td>
                <Td className="max-w-xs">
                  <code className="block max-h-24 overflow-auto font-mono text-xs whitespace-pre-wrap break-all">
                    {a.response_excerpt || "(empty)"}
                  </code>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        {[...delivery.attempt_log].reverse().map((a, i) => (
          // The latest attempt's headers open: they are what a subscriber's signature check saw.
          <details key={a.attempt} className="text-sm" data-testid="attempt-headers" open={i === 0}>
            <summary className="cursor-pointer">Request headers of attempt {a.attempt}</summary>
            <div className="mt-2 grid gap-3 sm:grid-cols-2">
              <HeaderList title="Sent" headers={a.request_headers} />
              <HeaderList title="Answered" headers={a.response_headers} />
            </div>
          </details>
        ))}
      </CardBody>
    </Card>
  );
}

// Standard Webhooks' three: the id, when it was signed, and the signature a subscriber verifies.
const SIGNING_HEADERS = new Set(["webhook-id", "webhook-timestamp", "webhook-signature"]);

function HeaderList({ title, headers }: { title: string; headers: Record<string, string> | null }) {
  const entries = Object.entries(headers ?? {});
  return (
    <div className="grid min-w-0 content-start gap-1">
      <p className="font-medium">{title}</p>
      {entries.length === 0 ? (
        <p className="text-muted-foreground">{headers ? "No headers." : "No answer, or not recorded for this attempt."}</p>
      ) : (
        <dl className="grid gap-1 font-mono text-xs">
          {entries.map(([name, value]) => (
            <div key={name} className={SIGNING_HEADERS.has(name) ? "rounded bg-info-bg px-1 break-all text-info-fg" : "break-all"}>
              <dt className="inline font-semibold">{name}:</dt> <dd className="inline">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
