"use client";

import Link from "next/link";
import { listHealthAction } from "@/app/t/[tenant]/health/actions";
import { EmptyState, Pager, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import type { IntegrationHealthListItem } from "@/lib/health";
import { hrefWith, pageHrefs, type PagePosition } from "@/lib/pager";
import { formatMs, formatUptime } from "./format";
import { useLive } from "@/components/live/use-live";
import { HealthBadge } from "./health-badge";
import { Sparkline } from "./sparkline";

type Page = { data: IntegrationHealthListItem[]; next_cursor: string | null };

/** Every integration's health, worst first, refreshed while the page is open. */
export function HealthTable({ tenantSlug, at, initial }: { tenantSlug: string; at: PagePosition; initial: Page }) {
  const { data, isError } = useLive(
    ["health", tenantSlug, at.cursor ?? null],
    () => listHealthAction(tenantSlug, { cursor: at.cursor, limit: 100 }),
    initial,
  );
  const base = `/t/${tenantSlug}`;
  if (data.data.length === 0) {
    return (
      <EmptyState
        title="No integrations to watch yet"
        description="Add an integration; Patchbay starts checking it on its polling interval."
      />
    );
  }
  return (
    <div className="grid gap-3">
      {isError && <p className="text-sm text-danger-fg">Live updates paused: the last refresh failed. Retrying…</p>}
      <Table>
        <THead>
          <Tr>
            <Th>Integration</Th>
            <Th>Status</Th>
            <Th>Uptime 24 h</Th>
            <Th>Uptime 7 d</Th>
            <Th>p95 latency (24 h)</Th>
            <Th>Last check</Th>
            <Th>Last error</Th>
          </Tr>
        </THead>
        <TBody>
          {data.data.map((item) => (
            <Tr key={item.integration_id} data-testid="health-row">
              <Td>
                <Link
                  href={`${base}/integrations/${item.integration_id}/health`}
                  className="font-medium text-link underline-offset-4 hover:underline"
                >
                  {item.name}
                </Link>
                <p className="text-xs text-muted-foreground">
                  {item.provider_name} · every {item.check_interval_seconds} s
                </p>
              </Td>
              <Td>
                <HealthBadge status={item.status} enabled={item.enabled} />
              </Td>
              <Td className="tabular-nums">{formatUptime(item.uptime["24h"])}</Td>
              <Td className="tabular-nums">{formatUptime(item.uptime["7d"])}</Td>
              <Td>
                <div className="flex items-center gap-2">
                  <Sparkline values={item.p95_sparkline_ms} label={`Hourly p95 latency of ${item.name} over the last 24 hours`} />
                  <span className="text-xs tabular-nums text-muted-foreground">{formatMs(item.latency_ms.p95_ms)}</span>
                </div>
              </Td>
              <Td>
                <RelativeTime value={item.last_check?.checked_at ?? null} />
              </Td>
              <Td className="max-w-xs">
                {!item.monitored ? (
                  <span className="text-sm text-muted-foreground">Not monitored: no status endpoint</span>
                ) : item.last_error ? (
                  <span className="block truncate text-sm" title={item.last_error.message}>
                    {item.last_error.message}
                  </span>
                ) : (
                  <span className="text-muted-foreground">None</span>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <Pager hrefs={pageHrefs(at, data.next_cursor, (to) => hrefWith(`${base}/health`, to))} />
    </div>
  );
}
