"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { isolatedDot, legendText } from "@/components/ui/chart-parts";
import type { HourPoint } from "@/lib/health";

function tick(iso: string, spanHours: number) {
  const date = new Date(iso);
  return spanHours > 48
    ? date.toLocaleDateString(undefined, { month: "short", day: "numeric" })
    : date.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

/** Checks and failures per hour as bars, p50/p95 latency as lines on their own axis. */
export function LatencyChart({ points, title }: { points: HourPoint[]; title: string }) {
  const checks = points.reduce((s, p) => s + p.checks, 0);
  const failures = points.reduce((s, p) => s + p.failures, 0);
  const worst = Math.max(0, ...points.map((p) => p.p95_ms ?? 0));
  const summary =
    checks === 0 ? `${title}: no checks yet.` : `${title}: ${checks} checks, ${failures} failed, highest hourly p95 ${worst} ms.`;
  return (
    <figure className="grid gap-2">
      <figcaption className="sr-only">{summary}</figcaption>
      <div className="h-64 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--color-border)" />
            <XAxis
              dataKey="hour"
              tickFormatter={(v: string) => tick(v, points.length)}
              minTickGap={24}
              tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }}
            />
            <YAxis yAxisId="checks" allowDecimals={false} tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} width={40} />
            <YAxis yAxisId="ms" orientation="right" unit=" ms" tick={{ fontSize: 12, fill: "var(--color-muted-foreground)" }} width={64} />
            <Tooltip
              labelFormatter={(v) => new Date(String(v)).toLocaleString()}
              contentStyle={{ background: "var(--color-surface)", borderColor: "var(--color-border)" }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
            <Bar yAxisId="checks" dataKey="checks" name="Checks" fill="var(--color-input)" isAnimationActive={false} />
            <Bar yAxisId="checks" dataKey="failures" name="Failures" fill="var(--color-danger)" isAnimationActive={false} />
            <Line
              yAxisId="ms"
              dataKey="p50_ms"
              name="p50"
              stroke="var(--color-accent)"
              strokeDasharray="4 3"
              strokeWidth={2}
              dot={isolatedDot(
                points.map((p) => p.p50_ms),
                "var(--color-accent)",
              )}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="ms"
              dataKey="p95_ms"
              name="p95"
              stroke="var(--color-primary)"
              strokeWidth={2}
              dot={isolatedDot(
                points.map((p) => p.p95_ms),
                "var(--color-primary)",
              )}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <p className="text-sm text-muted-foreground">{summary}</p>
    </figure>
  );
}
