"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/components/ui/chart-parts";
import type { EndpointStats } from "@/lib/webhooks/queries";

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

/** Attempts per UTC day for the last 7 days, succeeded and failed stacked. */
export function DeliveryChart({ daily }: { daily: EndpointStats["daily"] }) {
  const succeeded = daily.reduce((n, d) => n + d.succeeded, 0);
  const failed = daily.reduce((n, d) => n + d.failed, 0);
  const summary =
    succeeded + failed === 0 ? "Last 7 days: no attempts yet." : `Last 7 days: ${succeeded} attempts succeeded, ${failed} failed.`;
  return (
    <figure className="grid gap-2" data-testid="delivery-chart">
      <figcaption className="sr-only">{summary}</figcaption>
      <div className="h-48 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={daily} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
            <XAxis dataKey="day" tickFormatter={dayLabel} tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} width={40} />
            <Tooltip
              labelFormatter={(v) => dayLabel(String(v))}
              contentStyle={{ background: "var(--color-surface)", borderColor: "var(--color-border)" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Bar dataKey="succeeded" name="Succeeded" stackId="a" fill="var(--color-success-fg)" isAnimationActive={false} />
            <Bar dataKey="failed" name="Failed" stackId="a" fill="var(--color-danger)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="text-sm text-muted-foreground">{summary}</p>
    </figure>
  );
}
