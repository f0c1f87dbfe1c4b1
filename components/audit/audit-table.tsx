"use client";

import Link from "next/link";
import { listAuditEventsAction } from "@/app/t/[tenant]/audit/actions";
import { useLive } from "@/components/health/use-live";
import { Badge, EmptyState, NEWEST_FIRST, Pager, RelativeTime, Table, TBody, Td, Th, THead, Tr } from "@/components/ui";
import { ACTOR_TYPE_LABELS, type ActorType } from "@/lib/audit/actor-types";
import type { AuditEventView } from "@/lib/audit/queries";
import type { AuditFilters } from "@/lib/audit/list-params";
import { hrefWith, pageHrefs, type PagePosition } from "@/lib/pager";

type Page = { data: AuditEventView[]; next_cursor: string | null };

/** Where a target lives in the app, for the ones that have a page. */
function targetHref(base: string, target: { type: string; id: string | null }): string | null {
  if (!target.id) return null;
  switch (target.type) {
    case "integration":
      return `${base}/integrations/${target.id}`;
    case "webhook_endpoint":
      return `${base}/webhooks/${target.id}`;
    case "api_key":
      return `${base}/settings/api-keys/${target.id}`;
    case "alert_channel":
      return `${base}/settings/notifications`;
    case "user":
      return `${base}/settings/members`;
    default:
      return null;
  }
}

/** The audit trail, refreshed while the page is open. */
export function AuditTable({
  tenantSlug,
  filters,
  at,
  initial,
}: {
  tenantSlug: string;
  filters: AuditFilters;
  at: PagePosition;
  initial: Page;
}) {
  const { data, isError } = useLive(
    ["audit", tenantSlug, filters, at.cursor ?? null],
    () => listAuditEventsAction(tenantSlug, { ...filters, cursor: at.cursor }),
    initial,
  );
  const base = `/t/${tenantSlug}`;
  const filtered = Object.values(filters).some(Boolean);
  return (
    <div className="grid gap-3">
      {isError && <p className="text-sm text-danger-fg">Live updates paused: the last refresh failed. Retrying…</p>}
      {data.data.length === 0 ? (
        <EmptyState
          title="No audit events"
          description={
            filtered
              ? "Nothing matches these filters; clear them to see the whole trail."
              : "Changes and sign-ins are recorded here as they happen."
          }
        />
      ) : (
        <Table>
          <THead>
            <Tr>
              <Th>When</Th>
              <Th>Actor</Th>
              <Th>Action</Th>
              <Th>Target</Th>
              <Th>IP</Th>
              <Th>Details</Th>
            </Tr>
          </THead>
          <TBody>
            {data.data.map((e) => {
              const href = e.target ? targetHref(base, e.target) : null;
              return (
                <Tr key={e.id}>
                  <Td className="whitespace-nowrap">
                    <RelativeTime value={e.created_at} />
                  </Td>
                  <Td>
                    <Badge>{ACTOR_TYPE_LABELS[e.actor.type as ActorType] ?? e.actor.type}</Badge>{" "}
                    <span className="break-all">{e.actor.label ?? e.actor.id ?? "—"}</span>
                  </Td>
                  <Td>
                    <code className="font-mono text-sm">{e.action}</code>
                  </Td>
                  <Td>
                    {e.target ? (
                      href ? (
                        <Link href={href} className="break-all underline-offset-2 hover:underline">
                          {e.target.type} {e.target.id?.slice(0, 8)}
                        </Link>
                      ) : (
                        <span className="break-all">
                          {e.target.type} {e.target.id?.slice(0, 8)}
                        </span>
                      )
                    ) : (
                      "—"
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{e.ip ?? "—"}</Td>
                  <Td>
                    {Object.keys(e.details).length === 0 ? (
                      "—"
                    ) : (
                      <details>
                        <summary className="cursor-pointer text-sm">Details</summary>
                        <pre className="mt-1 max-w-xs overflow-x-auto text-xs whitespace-pre-wrap break-all">
                          {JSON.stringify(e.details, null, 2)}
                        </pre>
                      </details>
                    )}
                  </Td>
                </Tr>
              );
            })}
          </TBody>
        </Table>
      )}
      <Pager
        hrefs={pageHrefs(at, data.next_cursor, (to) => hrefWith(`${base}/audit`, { ...filters, ...to }))}
        label="Audit pages"
        labels={NEWEST_FIRST}
      />
    </div>
  );
}
