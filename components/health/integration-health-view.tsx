"use client";

import { integrationHealthAction } from "@/app/t/[tenant]/health/actions";
import { Card, CardBody, CardHeader, RelativeTime, Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui";
import type { IntegrationHealthDetail } from "@/lib/health";
import { HEALTH_WINDOWS, type HealthWindow } from "@/lib/health/schema";
import { CheckNowButton } from "./check-now-button";
import { formatMs, formatUptime } from "./format";
import { useLive } from "@/components/live/use-live";
import { HealthBadge } from "./health-badge";
import { LatencyChart } from "./latency-chart";
import { TransitionsList } from "./transitions-list";
import { dailySlots, UptimeBars } from "./uptime-bars";

const HOURS: Record<HealthWindow, number> = { "24h": 24, "7d": 168, "30d": 720 };
const WINDOW_LABEL: Record<HealthWindow, string> = { "24h": "24 hours", "7d": "7 days", "30d": "30 days" };

function Figure({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div>
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** An integration's health tab: live status, figures per window, charts from hourly rollups, status changes. */
export function IntegrationHealthView({
  tenantSlug,
  initial,
  canCheck,
}: {
  tenantSlug: string;
  initial: IntegrationHealthDetail;
  canCheck: boolean;
}) {
  const { data } = useLive(
    ["integration-health", tenantSlug, initial.integration_id],
    () => integrationHealthAction(tenantSlug, initial.integration_id),
    initial,
  );
  return (
    <div className="grid gap-6">
      <Card>
        <CardHeader
          title="Status"
          description={
            !data.monitored
              ? "Not monitored: there is no status endpoint to check. Set one in the settings to start checks."
              : data.enabled
                ? `Checked every ${data.check_interval_seconds} s.`
                : "Disabled: not checked until it is enabled again."
          }
          action={canCheck && data.monitored ? <CheckNowButton tenantSlug={tenantSlug} integrationId={data.integration_id} /> : undefined}
        />
        <CardBody>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
            <Figure label="Status" testId="current-health" value={<HealthBadge status={data.status} enabled={data.enabled} />} />
            <Figure label="Uptime 24 h" value={formatUptime(data.uptime["24h"])} />
            <Figure label="Uptime 7 d" value={formatUptime(data.uptime["7d"])} />
            <Figure label="Uptime 30 d" value={formatUptime(data.uptime["30d"])} />
            <Figure label="p50 / p95 (24 h)" value={`${formatMs(data.latency_ms.p50)} / ${formatMs(data.latency_ms.p95)}`} />
            <Figure label="Last check" value={<RelativeTime value={data.last_check?.checked_at ?? null} />} />
          </dl>
          {data.last_error && (
            <p className="mt-4 text-sm">
              <span className="font-medium">Last error</span> (<RelativeTime value={data.last_error.at} />
              ): {data.last_error.message}
            </p>
          )}
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="History" description="From hourly rollups: uptime per hour (per day over 30 days), checks and latency." />
        <CardBody>
          <Tabs defaultValue="24h">
            <TabsList aria-label="Time window">
              {HEALTH_WINDOWS.map((w) => (
                <TabsTrigger key={w} value={w}>
                  {WINDOW_LABEL[w]}
                </TabsTrigger>
              ))}
            </TabsList>
            {HEALTH_WINDOWS.map((w) => {
              const points = data.hourly.slice(-HOURS[w]);
              const slots =
                w === "30d"
                  ? dailySlots(points)
                  : points.map((p) => ({ label: new Date(p.hour).toLocaleString(), checks: p.checks, failures: p.failures }));
              const figures = data.windows[w];
              return (
                <TabsContent key={w} value={w} className="grid gap-4">
                  <p className="text-sm text-muted-foreground">
                    {figures.checks} checks · uptime {formatUptime(figures.uptime)} · p50 {formatMs(figures.p50_ms)} · p95{" "}
                    {formatMs(figures.p95_ms)} · max {formatMs(figures.max_ms)}
                  </p>
                  <UptimeBars slots={slots} label={`Uptime over the last ${WINDOW_LABEL[w]}`} />
                  <LatencyChart points={points} title={`Last ${WINDOW_LABEL[w]}`} />
                </TabsContent>
              );
            })}
          </Tabs>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="Status changes" />
        <CardBody>
          <TransitionsList transitions={data.transitions} />
        </CardBody>
      </Card>
    </div>
  );
}
