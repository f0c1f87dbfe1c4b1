"use client";

import Link from "next/link";
import { tenantHealthAction } from "@/app/t/[tenant]/health/actions";
import { Card, CardBody, CardHeader, EmptyState, RelativeTime } from "@/components/ui";
import type { HealthStatus } from "@/db/schema/health";
import type { TenantHealthOverview } from "@/lib/health";
import { STATUS_LABEL } from "./format";
import { useLive } from "@/components/live/use-live";
import { HealthBadge } from "./health-badge";
import { LatencyChart } from "./latency-chart";
import { TransitionsList } from "./transitions-list";

const ORDER: HealthStatus[] = ["DOWN", "DEGRADED", "HEALTHY", "UNKNOWN"];

/** The dashboard's health section: counts, what is broken first, recent changes and the last day's chart. */
export function HealthOverview({ tenantSlug, initial }: { tenantSlug: string; initial: TenantHealthOverview }) {
  const { data } = useLive(["health-overview", tenantSlug], () => tenantHealthAction(tenantSlug, null), initial);
  const base = `/t/${tenantSlug}`;
  const total = ORDER.reduce((s, k) => s + data.counts[k], 0);
  return (
    <section aria-labelledby="health-heading" className="grid gap-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="health-heading" className="text-lg font-semibold">
          Integration health
        </h2>
        <Link href={`${base}/health`} className="text-sm text-link underline-offset-4 hover:underline">
          All integrations
        </Link>
      </div>
      <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
        {ORDER.map((status) => (
          // A plain div (not Card > CardBody): a <dl> admits one wrapping div around each dt/dd pair.
          <div key={status} className="rounded-lg border border-border bg-surface px-4 py-4 shadow-sm sm:px-6">
            <dt className="text-sm text-muted-foreground">{STATUS_LABEL[status]}</dt>
            <dd className="text-3xl font-semibold tabular-nums" data-testid={`health-count-${status.toLowerCase()}`}>
              {data.counts[status]}
            </dd>
          </div>
        ))}
      </dl>
      {total === 0 ? (
        <EmptyState
          title="Nothing is being checked yet"
          description="Enabled integrations are checked on their polling interval and show up here."
        />
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card>
            <CardHeader title="Needs attention" description="Down first, then degraded." />
            <CardBody>
              {data.problems.length === 0 ? (
                <p className="text-sm text-muted-foreground">Every checked integration is healthy.</p>
              ) : (
                <ul className="divide-y divide-border">
                  {data.problems.map((p) => (
                    <li key={p.integration_id} className="grid gap-1 py-2 text-sm">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link
                          href={`${base}/integrations/${p.integration_id}/health`}
                          className="font-medium text-link underline-offset-4 hover:underline"
                        >
                          {p.name}
                        </Link>
                        <HealthBadge status={p.status} />
                        <span className="ml-auto text-muted-foreground">
                          since <RelativeTime value={p.status_changed_at} />
                        </span>
                      </div>
                      {p.last_error && <p className="text-muted-foreground">{p.last_error.message}</p>}
                    </li>
                  ))}
                </ul>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Recent status changes" />
            <CardBody>
              <TransitionsList transitions={data.transitions} names />
            </CardBody>
          </Card>
          <Card className="lg:col-span-2">
            <CardHeader
              title="Last 24 hours"
              description="Checks and failures per hour, with p50 and p95 latency across all integrations."
            />
            <CardBody>
              <LatencyChart points={data.hourly} title="All integrations, last 24 hours" />
            </CardBody>
          </Card>
        </div>
      )}
    </section>
  );
}
